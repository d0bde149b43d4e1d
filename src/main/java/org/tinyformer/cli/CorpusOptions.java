package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.tinyformer.data.corpus.CorpusFiles;
import org.tinyformer.data.download.DatasetInfo;
import org.tinyformer.data.download.DatasetRegistry;
import org.tinyformer.data.download.DownloadProgress;
import org.tinyformer.data.download.Downloader;
import picocli.CommandLine.Option;

/**
 * The corpus options the tokenizer commands share: {@code --input} files, directories or globs
 * (text or JSONL, gzipped or not), or a registry {@code --dataset} fetched into the download cache
 * when it is not there yet, and the JSONL {@code --text-field}.
 */
final class CorpusOptions {
  @Option(
      names = "--input",
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Corpus files, directories or globs: UTF-8 text or JSONL (.jsonl/.ndjson), .gz read"
              + " transparently.")
  List<String> inputs;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "A registry dataset (tinyformer data list), downloaded into the cache if needed.")
  String dataset;

  @Option(
      names = "--text-field",
      defaultValue = "text",
      paramLabel = "F",
      description = "The JSONL field holding each document's text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--cache-dir", paramLabel = "D", description = "Dataset cache directory.")
  Path cacheDir;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "Fetch registry files from URL/FILE_NAME instead of their origin.")
  String mirror;

  @Option(
      names = "--allow-unverified",
      description =
          "Download a dataset even when neither the registry nor the server gives a SHA-256 to"
              + " check it against.")
  boolean allowUnverified;

  boolean given() {
    return inputs != null || dataset != null;
  }

  /** The corpus files, in order; a dataset is fetched first (progress on {@code err}). */
  List<Path> files(String command, PrintWriter err) throws IOException {
    if ((inputs == null) == (dataset == null)) {
      throw new IllegalArgumentException(
          command + ": pass the corpus with --input PATH... or --dataset NAME (one of them)");
    }
    if (inputs != null) {
      if (inputs.contains("-")) {
        throw new IllegalArgumentException(
            command + ": reads files, not standard input; save the text to a file first");
      }
      return CorpusFiles.expand(inputs);
    }
    return List.of(fetch(err));
  }

  /** A one-line description of the corpus for output. */
  String describe() {
    return dataset != null ? "dataset " + dataset : String.join(" ", inputs);
  }

  private Path fetch(PrintWriter err) throws IOException {
    DatasetInfo info = DatasetRegistry.get(dataset);
    if (mirror != null) {
      String base = mirror.endsWith("/") ? mirror : mirror + "/";
      URI.create(base); // a malformed URL fails here, naming itself
      info =
          new DatasetInfo(
              info.name(),
              base + info.fileName(),
              info.fileName(),
              info.sizeBytes(),
              info.sha256(),
              info.description());
    }
    Downloader d = new Downloader(DataCommand.cacheDir(cacheDir), new DownloadProgress(err, false));
    Downloader.Result r = d.fetch(info, allowUnverified);
    if (!r.cached()) {
      err.printf(
          "%s: downloaded %,d bytes to %s (sha256 %s)%n",
          info.name(), r.bytes(), r.path(), r.digest().description());
    }
    return r.path();
  }
}
