package org.tinyformer.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A checkpoint's {@code checksums.txt}: one line {@code <crc32c> <bytes> <file>} per file, then a
 * last line {@code <crc32c> checksums.txt} over the lines above, so a flipped byte anywhere (the
 * list included) is caught and named. CRC32C, not a cryptographic hash: it guards against disk and
 * copy corruption, not tampering.
 *
 * <p>{@code CheckpointChecksums.write(dir); ... CheckpointChecksums.verify(dir);}
 */
public final class CheckpointChecksums {
  /** The file name inside a checkpoint directory. */
  public static final String FILE = "checksums.txt";

  /** Files a checkpoint may lack: weights-only checkpoints have no optimizer state. */
  private static final List<String> OPTIONAL = List.of("optimizer.safetensors");

  private CheckpointChecksums() {}

  /** Records every regular file of {@code dir} (written last, after the files it lists). */
  public static void write(Path dir) throws IOException {
    StringBuilder lines = new StringBuilder();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.equals(FILE)) {
          lines.append(hex(crc(f))).append(' ').append(Files.size(f)).append(' ');
          lines.append(name).append('\n');
        }
      }
    }
    String body = lines.toString();
    Files.writeString(dir.resolve(FILE), body + hex(crc(body)) + " " + FILE + "\n");
  }

  /**
   * Checks every listed file's size and CRC32C; throws an {@link IOException} naming the first file
   * that does not match (or {@code checksums.txt} itself when it is missing or damaged).
   */
  public static void verify(Path dir) throws IOException {
    Path list = dir.resolve(FILE);
    if (!Files.isRegularFile(list)) {
      throw new IOException(
          "checkpoint: "
              + dir
              + " has no "
              + FILE
              + ", so its files cannot be verified (written by an older tinyformer, or"
              + " incomplete); use another checkpoint or retrain");
    }
    String text = new String(Files.readAllBytes(list), StandardCharsets.UTF_8);
    int lastLine = text.lastIndexOf('\n', text.length() - 2) + 1;
    String body = text.substring(0, lastLine);
    if (!text.equals(body + hex(crc(body)) + " " + FILE + "\n")) {
      throw new IOException(
          "checkpoint: "
              + list
              + " is corrupt (its last line does not match the lines above);"
              + " use another checkpoint");
    }
    for (String line : body.lines().toList()) {
      String[] parts = line.split(" ", 3);
      if (parts.length != 3 || parts[2].contains("/") || parts[2].contains("\\")) {
        throw new IOException("checkpoint: " + list + " has a malformed line '" + line + "'");
      }
      verifyFile(dir.resolve(parts[2]), parts[0], Long.parseLong(parts[1]));
    }
  }

  private static void verifyFile(Path file, String crc, long bytes) throws IOException {
    if (!Files.exists(file)) {
      if (OPTIONAL.contains(file.getFileName().toString())) {
        return; // resuming checks for it with its own message
      }
      throw new IOException(
          "checkpoint: " + file + " is missing (listed in " + FILE + "); use another checkpoint");
    }
    long size = Files.size(file);
    if (size != bytes) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "checkpoint: %s has %d bytes but %s records %d; the file is corrupt or truncated,"
                  + " use another checkpoint",
              file,
              size,
              FILE,
              bytes));
    }
    String actual = hex(crc(file));
    if (!actual.equals(crc)) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "checkpoint: %s does not match its checksum (crc32c %s, %s records %s); the file is"
                  + " corrupt, use another checkpoint",
              file,
              actual,
              FILE,
              crc));
    }
  }

  private static long crc(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf) >= 0) {
        buf.flip();
        crc.update(buf);
        buf.clear();
      }
    }
    return crc.getValue();
  }

  private static long crc(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static String hex(long crc) {
    return String.format(Locale.ROOT, "%08x", crc);
  }
}
