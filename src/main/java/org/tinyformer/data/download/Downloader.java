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
import java.nio.file.FileSystemException;
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
import org.tinyformer.base.WriteErrors;

/**
 * Downloads a dataset into the cache: bytes go to {@code NAME.part}, an interrupted download
 * resumes from it with an HTTP Range request, and only a file whose size and SHA-256 check out is
 * renamed (atomically) to its final name, so a partial or corrupt download is never used. The
 * expected SHA-256 and size are the registry's pins, or, for a file the registry does not pin, what
 * the server announces in the first (not followed) reply: Hugging Face sends {@code X-Linked-Etag}
 * (the LFS file's SHA-256, quoted) and {@code X-Linked-Size} with the redirect to its CDN, as
 * huggingface_hub relies on. A file with neither is refused before any byte is kept, unless the
 * caller allows unverified files ({@code data download NAME --allow-unverified}). Usage: {@code new
 * Downloader(cacheDir, progress).fetch(DatasetRegistry.get("tinyshakespeare")).path()}.
 */
public final class Downloader {
  /** A file in the cache; {@code cached} if it was there already (not downloaded again). */
  public record Result(Path path, long bytes, String sha256, Digest digest, boolean cached) {
    /** Whether the SHA-256 was checked against a known digest (pinned or announced). */
    public boolean checksumVerified() {
      return digest != Digest.NONE;
    }
  }

  /** What a file's SHA-256 was checked against. */
  public enum Digest {
    /** The registry's pinned SHA-256 and size. */
    REGISTRY("pinned in the registry"),
    /** The SHA-256 and size the server announced (Hugging Face's X-Linked-Etag, X-Linked-Size). */
    SERVER("announced by the server"),
    /** Nothing: the digest was computed and recorded, not checked. */
    NONE("not verified");

    private final String description;

    Digest(String description) {
      this.description = description;
    }

    /** How {@code data download} and {@code data list} describe it. */
    public String description() {
      return description;
    }
  }

  /** The SHA-256 and size a download must have, and where they come from. */
  private record Expected(String sha256, long size, Digest digest) {}

  /** Redirects followed after the first reply (which is read without following it). */
  private static final int MAX_REDIRECTS = 5;

  /** A download fails (and can be resumed) when the server sends nothing for this long. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

  /** Redirects are followed by hand: the first reply's headers announce the digest. */
  private final HttpClient firstHop;

  private final Path cacheDir;
  private final DownloadProgress progress;
  private final Duration stallTimeout;

  /** A downloader with a default client (10 s connect timeout, follows up to 5 redirects). */
  public Downloader(Path cacheDir, DownloadProgress progress) {
    this(cacheDir, progress, DEFAULT_STALL_TIMEOUT);
  }

  /** As above, failing after {@code stallTimeout} without data. */
  public Downloader(Path cacheDir, DownloadProgress progress, Duration stallTimeout) {
    this.firstHop =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.cacheDir = cacheDir;
    this.progress = progress;
    this.stallTimeout = stallTimeout;
  }

  /** Where {@code info} lives in the cache once downloaded. */
  public Path cachedPath(DatasetInfo info) {
    return cacheDir.resolve(info.fileName());
  }

  /** The cached file, downloading it first if it is not there; unverifiable files are refused. */
  public Result fetch(DatasetInfo info) throws IOException {
    return fetch(info, false);
  }

  /**
   * As {@link #fetch(DatasetInfo)}; with {@code allowUnverified} a file that neither the registry
   * nor the server gives a SHA-256 for is downloaded anyway (its digest is recorded, not checked).
   */
  public Result fetch(DatasetInfo info, boolean allowUnverified) throws IOException {
    Path target = cachedPath(info);
    if (Files.isRegularFile(target)) {
      return CachedFile.verify(info, target);
    }
    Files.createDirectories(cacheDir);
    Path part = cacheDir.resolve(info.fileName() + ".part");
    Result result;
    try {
      result = verifyAndMove(info, part, target, transfer(info, part, allowUnverified));
    } catch (IOException e) {
      if (!Files.exists(part)) {
        Files.deleteIfExists(validatorFile(part)); // nothing left to resume
      }
      throw e;
    }
    CachedFile.markVerified(target, result.sha256(), result.digest());
    Files.deleteIfExists(validatorFile(part));
    return result;
  }

  /**
   * What the cached copy of {@code info} in {@code cacheDir} was checked against when it was
   * downloaded; null when it is not cached or has no marker.
   */
  public static Digest cachedDigest(Path cacheDir, DatasetInfo info) throws IOException {
    Path target = cacheDir.resolve(info.fileName());
    return Files.isRegularFile(target) ? CachedFile.verifiedBy(target) : null;
  }

  /** Where the ETag or Last-Modified of a partial download is kept, for If-Range on resume. */
  static Path validatorFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".validator");
  }

  /**
   * Downloads into {@code part} (appending if it exists); returns what the finished file must match
   * (its size -1 when nobody says).
   */
  private Expected transfer(DatasetInfo info, Path part, boolean allowUnverified)
      throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    String validator =
        Files.exists(validatorFile(part)) ? Files.readString(validatorFile(part)) : "";
    if (have > 0 && validator.isEmpty() && !info.pinned()) {
      have = 0; // nothing proves the server's file is the one we began (a mismatch would cost it)
    }
    Reply reply = send(info, have, validator, part, allowUnverified);
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = reply.response();
    Expected expected = reply.expected();
    int status = response.statusCode();
    ResponseChunks body = new ResponseChunks(response.body(), stallTimeout);
    try {
      if (expected == null) {
        throw new IOException(
            String.format("download %s: HTTP %d from %s", info.name(), status, info.url()));
      }
      if (status == 416 && have > 0) {
        if (expected.sha256() != null) {
          // the part may be complete: only the expected size and SHA-256 decide
          return new Expected(
              expected.sha256(), Math.max(expected.size(), have), expected.digest());
        }
        body.cancel();
        Files.delete(part); // nothing to check it against: a 416 proves nothing, start over
        Files.deleteIfExists(validatorFile(part));
        return transfer(info, part, allowUnverified);
      }
      if (status == 200 || status == 206) {
        writeValidator(part, validator(response));
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
      if (expected.size() >= 0 && total >= 0 && total != expected.size()) {
        Files.deleteIfExists(part);
        throw new IOException(
            String.format(
                "download %s: the server offers %d bytes, expected %d%s; nothing was kept",
                info.name(),
                total,
                expected.size(),
                expected.digest() == Digest.SERVER ? " (announced by the server)" : ""));
      }
      progress.start(info.name(), total, have);
      copy(info, body, part, have, total);
      return new Expected(
          expected.sha256(), expected.size() >= 0 ? expected.size() : total, expected.digest());
    } finally {
      body.cancel();
    }
  }

  /**
   * The registry's pins, else what the server announced; a file nobody gives a SHA-256 for is
   * refused (nothing kept) unless {@code allowUnverified}.
   */
  private static Expected expected(
      DatasetInfo info, AnnouncedDigest announced, Path part, boolean allowUnverified)
      throws IOException {
    if (info.pinned()) {
      if (announced.sha256() != null && !announced.sha256().equals(info.sha256())) {
        discard(part);
        throw new IOException(
            String.format(
                "download %s: the server announces sha256 %s for %s, the registry pins %s: the"
                    + " file on the server changed; nothing was kept",
                info.name(), announced.sha256(), info.fileName(), info.sha256()));
      }
      return new Expected(info.sha256(), info.sizeBytes(), Digest.REGISTRY);
    }
    if (announced.sha256() != null) {
      return new Expected(announced.sha256(), announced.size(), Digest.SERVER);
    }
    if (!allowUnverified) {
      discard(part);
      throw new IOException(
          String.format(
              "download %s: %s cannot be verified: the registry pins no SHA-256 for it and the"
                  + " server announced none (no X-Linked-Etag header); nothing was kept. To"
                  + " download it unverified: tinyformer data download %s --allow-unverified (or"
                  + " add --allow-unverified to a --dataset command)",
              info.name(), info.fileName(), info.name()));
    }
    return new Expected(null, info.sizeBytes(), Digest.NONE);
  }

  private static void writeValidator(Path part, String validator) throws IOException {
    try {
      Files.writeString(validatorFile(part), validator);
    } catch (IOException e) {
      throw WriteErrors.naming(validatorFile(part), e);
    }
  }

  private static void discard(Path part) throws IOException {
    Files.deleteIfExists(part);
    Files.deleteIfExists(validatorFile(part));
  }

  /**
   * The reply with the file's bytes, and what they must match (null after an HTTP error, which the
   * caller reports).
   */
  private record Reply(
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, Expected expected) {}

  /**
   * Sends the request without following redirects, takes what the file must match from that first
   * reply (refusing an unverifiable file before a byte is fetched), then follows a redirect (with
   * the same Range and If-Range) to the bytes.
   */
  private Reply send(
      DatasetInfo info, long have, String validator, Path part, boolean allowUnverified)
      throws IOException {
    HttpResponse.BodyHandler<Flow.Publisher<List<ByteBuffer>>> bodies =
        reply ->
            isRedirect(reply.statusCode())
                ? HttpResponse.BodySubscribers.replacing(null) // a redirect's body is discarded
                : HttpResponse.BodySubscribers.ofPublisher();
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> first =
        send(info, firstHop, request(URI.create(info.url()), have, validator), bodies);
    int status = first.statusCode();
    if (!isRedirect(status) && status != 200 && status != 206 && status != 416) {
      return new Reply(first, null);
    }
    Expected expected;
    try {
      expected = expected(info, AnnouncedDigest.of(first.headers()), part, allowUnverified);
    } catch (IOException e) {
      if (!isRedirect(status)) {
        new ResponseChunks(first.body(), stallTimeout).cancel();
      }
      throw e;
    }
    if (!isRedirect(status)) {
      return new Reply(first, expected);
    }
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = first;
    URI at = first.uri();
    for (int hop = 0; isRedirect(response.statusCode()); hop++) {
      String location = response.headers().firstValue("Location").orElse("");
      if (location.isEmpty() || hop == MAX_REDIRECTS) {
        throw new IOException(
            String.format(
                "download %s: HTTP %d from %s %s",
                info.name(),
                response.statusCode(),
                at,
                location.isEmpty() ? "without a Location header" : "after 5 redirects"));
      }
      URI next = at.resolve(location);
      if ("https".equals(at.getScheme()) && !"https".equals(next.getScheme())) {
        throw new IOException(
            String.format(
                "download %s: %s redirects to %s, which is not https: refused",
                info.name(), at, next));
      }
      at = next;
      response = send(info, firstHop, request(at, have, validator), bodies);
    }
    int last = response.statusCode();
    boolean bytes = last == 200 || last == 206 || last == 416;
    return new Reply(response, bytes ? expected : null);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static HttpRequest request(URI uri, long have, String validator) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
      if (!validator.isEmpty()) {
        request.header("If-Range", validator); // a changed file comes back whole (200)
      }
    }
    return request.build();
  }

  private static <T> HttpResponse<T> send(
      DatasetInfo info, HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> bodies)
      throws IOException {
    try {
      return client.send(request, bodies);
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
        written += write(out, chunk, part, written);
        progress.update(written);
      }
    } catch (FileSystemException e) {
      progress.finish(written);
      throw e; // a write failed (a full disk): named, and the part is kept to resume
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

  /** Writes one chunk to the part; a failed write (a full disk) names the part. */
  private static long write(FileChannel out, List<ByteBuffer> chunk, Path part, long at)
      throws FileSystemException {
    long n = 0;
    try {
      for (ByteBuffer buffer : chunk) {
        while (buffer.hasRemaining()) {
          n += out.write(buffer);
        }
      }
      return n;
    } catch (IOException e) {
      throw (FileSystemException) WriteErrors.naming(part, e); // always a FileSystemException
    }
  }

  private Result verifyAndMove(DatasetInfo info, Path part, Path target, Expected want)
      throws IOException {
    long size = Files.size(part);
    long expected = want.size();
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
    if (want.digest() == Digest.REGISTRY && !sha.equals(want.sha256())) {
      Files.delete(part);
      throw new IOException(
          String.format(
              "download %s: checksum mismatch: expected sha256 %s, got %s; the download was"
                  + " deleted, run the command again",
              info.name(), want.sha256(), sha));
    }
    if (want.digest() == Digest.SERVER && !sha.equals(want.sha256())) {
      discard(part);
      throw new IOException(
          String.format(
              "download %s: checksum mismatch for %s: the server announced sha256 %s"
                  + " (X-Linked-Etag), the downloaded bytes have sha256 %s; nothing was kept, run"
                  + " the command again",
              info.name(), info.fileName(), want.sha256(), sha));
    }
    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new Result(target, size, sha, want.digest(), false);
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
