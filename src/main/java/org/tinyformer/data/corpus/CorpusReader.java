package org.tinyformer.data.corpus;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tinyformer.base.Checks;

/**
 * Reads corpus files one after another as {@link CorpusPiece}s of about {@code pieceBytes} bytes,
 * holding at most a piece and its carry-over in memory whatever the corpus size. Gzip is
 * decompressed on the fly. A reader opened at a piece's {@link CorpusPosition} yields the same
 * pieces from there as the first reader did (cuts depend only on the bytes from the start).
 *
 * <p>{@code try (var r = new CorpusReader(files, 1 << 20, CorpusPosition.START)) { for (var p =
 * r.next(); p != null; p = r.next()) { ... } }}
 */
public final class CorpusReader implements AutoCloseable {
  private final List<Path> files;
  private final int pieceBytes;
  private final boolean replaceInvalid;
  private final long totalBytes;
  private long finishedBytes;
  private int file;
  private long offset;
  private long line;
  private CountingStream raw;
  private InputStream in;
  private byte[] carry = new byte[0];

  /** A strict reader over {@code files} starting at {@code from}. */
  public CorpusReader(List<Path> files, int pieceBytes, CorpusPosition from) throws IOException {
    this(files, pieceBytes, from, "strict");
  }

  /**
   * A reader over {@code files} starting at {@code from}; {@code errors} is the policy for invalid
   * UTF-8: {@code strict} (an error) or {@code replace} (U+FFFD).
   */
  public CorpusReader(List<Path> files, int pieceBytes, CorpusPosition from, String errors)
      throws IOException {
    Checks.check(
        errors.equals("strict") || errors.equals("replace"),
        "--errors must be strict or replace, got %s",
        errors);
    this.replaceInvalid = errors.equals("replace");
    Checks.check(pieceBytes >= 16, "corpus reader: piece size must be >= 16, got %d", pieceBytes);
    Checks.check(
        from.file() <= files.size(),
        "corpus reader: position names file %d of %d",
        from.file(),
        files.size());
    this.files = List.copyOf(files);
    this.pieceBytes = pieceBytes;
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      long size = Files.size(files.get(i));
      total += size;
      finishedBytes += i < from.file() ? size : 0;
    }
    this.totalBytes = total;
    this.file = from.file();
    this.offset = from.offset();
    this.line = from.line();
    if (file < files.size() && offset > 0) {
      open();
      in.skipNBytes(offset);
    }
  }

  /** Sum of the input files' sizes on disk (compressed where gzipped). */
  public long totalBytes() {
    return totalBytes;
  }

  /** Bytes of the input files read so far (on disk), for progress. */
  public long bytesRead() {
    return finishedBytes + (raw == null ? 0 : raw.count);
  }

  /** The next piece, or null after the last file. */
  public CorpusPiece next() throws IOException {
    while (file < files.size()) {
      if (in == null) {
        open();
      }
      Path path = files.get(file);
      CorpusFormat format = CorpusFormat.of(path);
      CorpusPosition start = new CorpusPosition(file, offset, line);
      // the cut depends only on the bytes from the piece's start, so a resumed reader agrees
      for (int size = pieceBytes; ; size *= 2) {
        byte[] buf = Arrays.copyOf(carry, Math.max(size, carry.length));
        int n = carry.length + in.readNBytes(buf, carry.length, buf.length - carry.length);
        if (n < size) {
          nextFile();
          if (n == 0) {
            break;
          }
          return advance(
              new CorpusPiece(path, format, Arrays.copyOf(buf, n), start, true, replaceInvalid));
        }
        int cut = format == CorpusFormat.JSONL ? afterLastNewline(buf, size) : textCut(buf, size);
        carry = buf; // what is beyond the cut, or all of it when no cut was found
        if (cut > 0) {
          carry = Arrays.copyOfRange(buf, cut, n);
          return advance(
              new CorpusPiece(path, format, Arrays.copyOf(buf, cut), start, false, replaceInvalid));
        }
      }
    }
    return null;
  }

  private CorpusPiece advance(CorpusPiece piece) {
    if (!piece.endsFile()) {
      offset += piece.bytes().length;
      for (byte b : piece.bytes()) {
        line += b == '\n' ? 1 : 0;
      }
    }
    return piece;
  }

  private void open() throws IOException {
    Path path = files.get(file);
    raw = new CountingStream(Files.newInputStream(path));
    in =
        CorpusFormat.gzipped(path)
            ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16)
            : raw;
  }

  private void nextFile() throws IOException {
    finishedBytes += Files.size(files.get(file));
    in.close();
    in = null;
    raw = null;
    carry = new byte[0];
    file++;
    offset = 0;
    line = 1;
  }

  /**
   * The last place in the second half of {@code buf} before a space that follows a printable ASCII
   * character (the pre-tokenizers never join those two, so the tokens cannot change); else after
   * the last newline; else at the last UTF-8 character start, or -1.
   */
  static int textCut(byte[] buf, int n) {
    for (int p = n - 1; p > n / 2; p--) {
      if (buf[p] == ' ' && buf[p - 1] > ' ' && buf[p - 1] < 0x7F) {
        return p;
      }
    }
    int newline = afterLastNewline(buf, n);
    if (newline > 0) {
      return newline;
    }
    for (int p = n - 1; p > 0; p--) {
      if ((buf[p] & 0xC0) != 0x80) {
        return p;
      }
    }
    return -1;
  }

  private static int afterLastNewline(byte[] buf, int n) {
    for (int p = n - 1; p >= 0; p--) {
      if (buf[p] == '\n') {
        return p + 1;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    }
  }

  /** Counts the bytes read from a file, for progress over compressed input too. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b >= 0 ? 1 : 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      count += k;
      return k;
    }
  }
}
