package org.tinyformer.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes a model described by a checkpoint's {@code model.json} needs, estimated before anything
 * is allocated: a config whose weights could not be in {@code model.safetensors} (at 2 bytes per
 * parameter, the smallest dtype read), or could not fit the Java heap, is refused with the estimate
 * instead of running out of memory.
 */
final class ModelSize {
  private ModelSize() {}

  static void check(long params, Path dir) throws IOException {
    Path weights = dir.resolve("model.safetensors");
    long fileBytes = Files.size(weights);
    if (params > fileBytes / 2) {
      throw new IOException(
          String.format(
              "checkpoint: %s describes %,d parameters (%s as float32), but %s holds only %s:"
                  + " model.json and the weights do not belong together",
              dir.resolve("model.json"), params, size(4 * params), weights, size(fileBytes)));
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (4 * params > heap) {
      throw new IOException(
          String.format(
              "checkpoint: the model of %s needs %s for its float32 weights alone, more than the"
                  + " %s Java heap; give Java more with TINYFORMER_JAVA_OPTS=-Xmx<size>",
              dir, size(4 * params), size(heap)));
    }
  }

  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format("%.1f GB", bytes / (double) (1L << 30));
    }
    return bytes >= 1L << 20
        ? String.format("%.1f MB", bytes / (double) (1L << 20))
        : String.format("%,d bytes", bytes);
  }
}
