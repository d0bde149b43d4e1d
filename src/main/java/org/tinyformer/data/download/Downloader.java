package org.tinyformer.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Downloads a dataset into the cache: bytes go to {@code NAME.part}, an interrupted download
 * resumes from it with an HTTP Range request, and only a file whose size and SHA-256 check out is
 * renamed (atomically) to its final name, so a partial or corrupt download is never used. Usage:
 * {@code new Downloader(cacheDir, progress).fetch(DatasetRegistry.get("tinyshakespeare")).path()}.
 */
public final class Downloader {
  /** A file in the cache; {@code cached} if it was there already (not downloaded again). */
  public record Result(
      Path path, long bytes, String sha256, boolean checksumVerified, boolean cached) {}

  /** A download fails (and can be resumed) when the server sends nothing for this long. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final Path cacheDir;
  private final DownloadProgress progress;
  private final Duration stallTimeout;

  /** A downloader with a default client (10 s connect timeout, follows redirects). */
  public Downloader(Path cacheDir, DownloadProgress progress) {
    this(cacheDir, progress, DEFAULT_STALL_TIMEOUT);
  }

  /** As above, failing after {@code stallTimeout} without data. */
  public Downloader(Path cacheDir, DownloadProgress progress, Duration stallTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.cacheDir = cacheDir;
    this.progress = progress;
    this.stallTimeout = stallTimeout;
  }

  /** Where {@code info} lives in the cache once downloaded. */
  public Path cachedPath(DatasetInfo info) {
    return cacheDir.resolve(info.fileName());
  }

  /** The cached file, downloading it first if it is not there. */
  public Result fetch(DatasetInfo info) throws IOException {
    Path target = cachedPath(info);
    if (Files.isRegularFile(target)) {
      return CachedFile.verify(info, target);
    }
    Files.createDirectories(cacheDir);
    Path part = cacheDir.resolve(info.fileName() + ".part");
    Result result;
    try {
      result = verifyAndMove(info, part, target, transfer(info, part));
    } catch (IOException e) {
      if (!Files.exists(part)) {
        Files.deleteIfExists(validatorFile(part)); // nothing left to resume
      }
      throw e;
    }
    CachedFile.markVerified(target, result.sha256());
    Files.deleteIfExists(validatorFile(part));
    return result;
  }

  /** Where the ETag or Last-Modified of a partial download is kept, for If-Range on resume. */
  static Path validatorFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".validator");
  }

  /** Downloads into {@code part} (appending if it exists); returns the expected total or -1. */
  private long transfer(DatasetInfo info, Path part) throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    String validator =
        Files.exists(validatorFile(part)) ? Files.readString(validatorFile(part)) : "";
    if (have > 0 && validator.isEmpty() && !info.pinned()) {
      have = 0; // nothing proves the server's file is the one we began, nor will a checksum
    }
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(info, have, validator);
    int status = response.statusCode();
    ResponseChunks body = new ResponseChunks(response.body(), stallTimeout);
    try {
      if (status == 416 && have > 0) {
        if (info.pinned()) {
          return have; // the part may be complete: only the pinned size and SHA-256 decide
        }
        body.cancel();
        Files.delete(part); // unpinned: a 416 proves nothing, so download it whole again
        Files.deleteIfExists(validatorFile(part));
        return transfer(info, part);
      }
      if (status == 200 || status == 206) {
        Files.writeString(validatorFile(part), validator(response));
      }
      long total;
      if (status == 206 && have > 0) {
        total = resumedTotal(info, response, have);
      } else if (status == 200) {
        have = 0;
        total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      } else {
        throw new IOException(
            String.format("download %s: HTTP %d from %s", info.name(), status, info.url()));
      }
      if (info.sizeBytes() >= 0 && total >= 0 && total != info.sizeBytes()) {
        Files.deleteIfExists(part);
        throw new IOException(
            String.format(
                "download %s: the server offers %d bytes, expected %d; nothing was kept",
                info.name(), total, info.sizeBytes()));
      }
      progress.start(info.name(), total, have);
      copy(info, body, part, have, total);
      return total;
    } finally {
      body.cancel();
    }
  }

  private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(
      DatasetInfo info, long have, String validator) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(info.url())).timeout(Duration.ofSeconds(30)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
      if (!validator.isEmpty()) {
        request.header("If-Range", validator); // a changed file comes back whole (200)
      }
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
    } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
      throw offline(info);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("download " + info.name() + ": interrupted");
    }
  }

  /** A strong ETag, else Last-Modified, else empty: what If-Range may send on resume. */
  static String validator(HttpResponse<?> response) {
    String etag = response.headers().firstValue("ETag").orElse("");
    if (!etag.isEmpty() && !etag.startsWith("W/")) {
      return etag;
    }
    return response.headers().firstValue("Last-Modified").orElse("");
  }

  /** The one-line offline message: what failed and how to go on without the network. */
  static IOException offline(DatasetInfo info) {
    return new IOException(
        String.format(
            "download %s: cannot reach %s (offline?); download %s yourself and pass it with"
                + " --data FILE",
            info.name(), URI.create(info.url()).getHost(), info.url()));
  }

  private static long resumedTotal(DatasetInfo info, HttpResponse<?> response, long have)
      throws IOException {
    String range = response.headers().firstValue("Content-Range").orElse("");
    // bytes START-END/TOTAL
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)").matcher(range);
    if (!m.matches() || Long.parseLong(m.group(1)) != have) {
      throw new IOException(
          String.format(
              "download %s: asked to resume at byte %d, the server answered Content-Range '%s'",
              info.name(), have, range));
    }
    return m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
  }

  private void copy(DatasetInfo info, ResponseChunks body, Path part, long have, long total)
      throws IOException {
    long written = have;
    StandardOpenOption mode =
        have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (FileChannel out =
        FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      for (List<ByteBuffer> chunk; (chunk = body.next()) != null; ) {
        for (ByteBuffer buffer : chunk) {
          while (buffer.hasRemaining()) {
            written += out.write(buffer);
          }
        }
        progress.update(written);
      }
    } catch (IOException e) {
      progress.finish(written);
      throw new IOException(
          String.format(
              "download %s: interrupted at %s of %s (%s); run the command again to resume",
              info.name(),
              DownloadProgress.size(written),
              total < 0 ? "?" : DownloadProgress.size(total),
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    progress.finish(written);
  }

  private Result verifyAndMove(DatasetInfo info, Path part, Path target, long total)
      throws IOException {
    long size = Files.size(part);
    long expected = info.sizeBytes() >= 0 ? info.sizeBytes() : total;
    if (expected >= 0 && size < expected) {
      throw new IOException(
          String.format(
              "download %s: incomplete, %d of %d bytes; run the command again to resume",
              info.name(), size, expected));
    }
    if (expected >= 0 && size > expected) {
      Files.delete(part);
      throw new IOException(
          String.format(
              "download %s: got %d bytes, expected %d; the download was deleted, run the"
                  + " command again",
              info.name(), size, expected));
    }
    String sha = sha256(part);
    if (info.pinned() && !sha.equals(info.sha256())) {
      Files.delete(part);
      throw new IOException(
          String.format(
              "download %s: checksum mismatch: expected sha256 %s, got %s; the download was"
                  + " deleted, run the command again",
              info.name(), info.sha256(), sha));
    }
    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new Result(target, size, sha, info.pinned(), false);
  }

  /** The SHA-256 of a file as lowercase hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
