package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.data.download.DatasetInfo;
import org.tinyformer.data.download.DatasetRegistry;
import org.tinyformer.data.download.DownloadProgress;
import org.tinyformer.data.download.Downloader;

/**
 * {@code train --data NAME}: a registry dataset name that is not a path on disk resolves to its
 * file in the download cache, downloaded first when it is not there (progress on stderr); the run
 * config records the file, so a resumed run reads the same one.
 */
final class RegistryData {
  private RegistryData() {}

  /** {@code data} itself when it exists or is no registry name, else the cached dataset file. */
  static Path resolve(Path data, Path cacheDir, PrintWriter err) throws IOException {
    String name = data.toString();
    if (Files.exists(data) || !DatasetRegistry.knows(name)) {
      return data;
    }
    DatasetInfo info = DatasetRegistry.get(name);
    Downloader d =
        new Downloader(
            DataCommand.cacheDir(cacheDir), new DownloadProgress(err, DataCommand.isTerminal()));
    Downloader.Result r = d.fetch(info);
    err.printf("data: %s is %s%s%n", name, r.path(), r.cached() ? " (cached)" : "");
    return r.path();
  }
}
