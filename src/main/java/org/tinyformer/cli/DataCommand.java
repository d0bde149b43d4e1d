package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyformer.data.download.CacheDirectory;
import org.tinyformer.data.download.DatasetInfo;
import org.tinyformer.data.download.DatasetRegistry;
import org.tinyformer.data.download.DownloadProgress;
import org.tinyformer.data.download.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer data list|download NAME [--cache-dir D]}: the named datasets and their cache
 * (default {@code $XDG_CACHE_HOME/tinyformer} or {@code ~/.cache/tinyformer}).
 */
@Command(
    name = "data",
    description = "List and download the named datasets into the cache.",
    subcommands = {DataCommand.ListCommand.class, DataCommand.DownloadCommand.class})
final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Path cacheDir(Path override) {
    return CacheDirectory.resolve(
        override, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@code tinyformer data list}. */
  @Command(
      name = "list",
      description = "List the datasets, their sizes and whether they are cached.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cache-dir", paramLabel = "D", description = "Cache directory.")
    Path cacheDir;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = cacheDir(cacheDir);
      out.printf("%-18s %-9s %-7s %-12s %s%n", "name", "size", "cached", "sha256", "description");
      for (DatasetInfo info : DatasetRegistry.all()) {
        boolean cached = Files.isRegularFile(dir.resolve(info.fileName()));
        String size = info.sizeBytes() < 0 ? "?" : String.format("%,d", info.sizeBytes());
        out.printf(
            "%-18s %-9s %-7s %-12s %s%n",
            info.name(),
            size,
            cached ? "yes" : "no",
            checkedAgainst(info, Downloader.cachedDigest(dir, info)),
            info.description());
      }
      out.printf(
          "sha256: pinned = checked against the SHA-256 and size pinned in tinyformer; server ="
              + " checked against the SHA-256 and size the server announces with the file"
              + " (Hugging Face's X-Linked-Etag and X-Linked-Size), refused when it announces"
              + " none unless data download --allow-unverified; unverified = downloaded that"
              + " way. A cached file is re-checked against its recorded SHA-256 before each"
              + " use.%n");
      out.printf("cache: %s%n", dir);
      return 0;
    }

    /** The sha256 column: what a download of {@code info} is (or was) checked against. */
    static String checkedAgainst(DatasetInfo info, Downloader.Digest cached) {
      if (info.pinned()) {
        return "pinned";
      }
      return cached == Downloader.Digest.NONE ? "unverified" : "server";
    }
  }

  /** {@code tinyformer data download NAME}: prints the cached file's path on stdout. */
  @Command(
      name = "download",
      description = "Download a dataset into the cache (resumes an interrupted download).")
  static final class DownloadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Dataset name (see: tinyformer data list).")
    String name;

    @Option(names = "--cache-dir", paramLabel = "D", description = "Cache directory.")
    Path cacheDir;

    @Option(
        names = "--allow-unverified",
        description =
            "Download even when neither the registry nor the server gives a SHA-256 to check"
                + " the file against (a known SHA-256 is always checked).")
    boolean allowUnverified;

    @Override
    public Integer call() throws IOException {
      DatasetInfo info = DatasetRegistry.get(name);
      PrintWriter err = spec.commandLine().getErr();
      Downloader downloader =
          new Downloader(cacheDir(cacheDir), new DownloadProgress(err, isTerminal()));
      Downloader.Result result = downloader.fetch(info, allowUnverified);
      if (!result.cached()) {
        err.printf(
            "%s: %,d bytes, sha256 %s (%s)%n",
            info.name(),
            result.bytes(),
            result.sha256(),
            result.checksumVerified()
                ? "verified: " + result.digest().description()
                : "not verified");
      }
      if (!result.checksumVerified()) {
        err.printf(
            "warning: %s was not verified: no SHA-256 was pinned or announced for it; its"
                + " sha256 is recorded, so later uses detect a changed file%n",
            result.path());
      }
      spec.commandLine().getOut().println(result.path());
      return 0;
    }
  }

  /** Whether stderr is a terminal (JDK 22+ return a console even when redirected: ask it). */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console exists only on a terminal
    }
  }
}
