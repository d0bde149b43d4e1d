package org.tinyformer.visualization;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.tinyformer.base.WriteErrors;

/** Writes images as PNG files, creating parent directories as needed. */
public final class Png {
  private Png() {}

  /** Writes {@code image} to {@code path} and returns the path. */
  public static Path write(BufferedImage image, Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // ImageIO deletes the target before writing: never let it near a device or a directory
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "png: " + path + " exists and is not a regular file; give the path of a .png file");
      }
      if (!ImageIO.write(image, "png", path.toFile())) {
        throw new IllegalStateException("png: no PNG writer available for " + path);
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(WriteErrors.naming(path, e));
    }
  }
}
