package org.tinyformer.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;

class DownloaderTest {
  private static final byte[] DATA = data(300_000);
  private static final String SHA = "0".repeat(64);

  @TempDir Path cache;
  private HttpServer server;
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private volatile boolean honourRange = true;
  private volatile String etag = "\"v1\"";
  private final List<String> ifRanges = new CopyOnWriteArrayList<>();
  private volatile int stallAfter = -1; // stop sending after this many bytes, as a dead link
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<String> resolveRanges = new CopyOnWriteArrayList<>();
  private volatile String linkedEtag; // the /resolve/ reply's X-Linked-Etag (none when null)
  private volatile long linkedSize = DATA.length;

  private static byte[] data(int n) {
    Rng rng = new Rng(7);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rng.nextInt(256);
    }
    return b;
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data.bin", this::serve);
    server.createContext("/resolve/data.bin", this::redirect);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stopServer() {
    released.countDown();
    server.stop(0);
  }

  /** As Hugging Face's /resolve/: a 302 to the bytes, announcing the file's SHA-256 and size. */
  private void redirect(HttpExchange exchange) throws IOException {
    resolveRanges.add(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
    if (linkedEtag != null) {
      exchange.getResponseHeaders().add("X-Linked-Etag", linkedEtag);
      exchange.getResponseHeaders().add("X-Linked-Size", Long.toString(linkedSize));
    }
    exchange.getResponseHeaders().add("ETag", "\"git-sha1\"");
    exchange.getResponseHeaders().add("Location", "/data.bin");
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "none" : range);
    int start = 0;
    String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
    ifRanges.add(ifRange == null ? "none" : ifRange);
    exchange.getResponseHeaders().add("ETag", etag);
    if (range != null && honourRange && (ifRange == null || ifRange.equals(etag))) {
      start = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
      if (start >= DATA.length) {
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange
          .getResponseHeaders()
          .add("Content-Range", "bytes " + start + "-" + (DATA.length - 1) + "/" + DATA.length);
      exchange.sendResponseHeaders(206, DATA.length - start);
    } else {
      exchange.sendResponseHeaders(200, DATA.length);
    }
    int end = stallAfter >= 0 ? Math.min(DATA.length, start + stallAfter) : DATA.length;
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(DATA, start, end - start);
      out.flush();
      if (end < DATA.length) {
        released.await(); // send nothing more until the test ends
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  private DatasetInfo info(String sha256, long size) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data.bin";
    return new DatasetInfo("testdata", url, "data.bin", size, sha256, "test bytes");
  }

  /** An unpinned entry behind the /resolve/ redirect, as the Hugging Face TinyStories files. */
  private DatasetInfo resolved() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/resolve/data.bin";
    return new DatasetInfo("testdata", url, "data.bin", -1, null, "test bytes");
  }

  private static String dataSha() throws Exception {
    Path tmp = Files.write(Files.createTempFile("sha", ".bin"), DATA);
    String sha = Downloader.sha256(tmp);
    Files.delete(tmp);
    return sha;
  }

  private DatasetInfo pinned() throws Exception {
    return info(dataSha(), DATA.length);
  }

  private Downloader downloader() {
    return new Downloader(cache, DownloadProgress.silent(), Duration.ofSeconds(1));
  }

  private List<String> cacheFiles() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void downloadsVerifiesAndRenamesIntoTheCache() throws Exception {
    Downloader.Result result = downloader().fetch(pinned());
    assertThat(result.path()).isEqualTo(cache.resolve("data.bin"));
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
    assertThat(result.checksumVerified()).isTrue();
    assertThat(result.cached()).isFalse();
    assertThat(cacheFiles()).containsExactly("data.bin", "data.bin.verified");
    assertThat(ranges).containsExactly("none");
  }

  @Test
  void usesTheCachedFileWithoutDownloadingAgain() throws Exception {
    DatasetInfo info = pinned();
    downloader().fetch(info);
    Downloader.Result again = downloader().fetch(info);
    assertThat(again.cached()).isTrue();
    assertThat(ranges).hasSize(1);
  }

  @Test
  void resumesFromAPartialFileWithARangeRequest() throws Exception {
    Files.write(cache.resolve("data.bin.part"), Arrays.copyOf(DATA, 123_456));
    Downloader.Result result = downloader().fetch(pinned());
    assertThat(ranges).containsExactly("bytes=123456-");
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
    assertThat(cacheFiles()).containsExactly("data.bin", "data.bin.verified");
  }

  @Test
  void startsOverWhenTheServerIgnoresRange() throws Exception {
    honourRange = false;
    Files.write(cache.resolve("data.bin.part"), Arrays.copyOf(DATA, 1000));
    Downloader.Result result = downloader().fetch(pinned());
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
  }

  @Test
  void keepsAnInterruptedDownloadAndResumesItNextTime() throws Exception {
    DatasetInfo info = pinned();
    stallAfter = 100_000;
    assertThatThrownBy(() -> downloader().fetch(info))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("download testdata: ")
        .hasMessage(
            "download testdata: interrupted at 97.7 KB of 293.0 KB (no data for 1 s); run the"
                + " command again to resume");
    assertThat(cacheFiles()).containsExactly("data.bin.part", "data.bin.part.validator");
    long partial = Files.size(cache.resolve("data.bin.part"));
    assertThat(partial).isLessThan(DATA.length);
    stallAfter = -1;
    Downloader.Result result = downloader().fetch(info);
    assertThat(ranges.get(1)).isEqualTo("bytes=" + partial + "-");
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
  }

  @Test
  void rejectsAChecksumMismatchAndLeavesNothingInTheCache() throws Exception {
    String actual = pinned().sha256();
    assertThatThrownBy(() -> downloader().fetch(info(SHA, DATA.length)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "download testdata: checksum mismatch: expected sha256 "
                + SHA
                + ", got "
                + actual
                + "; the download was deleted, run the command again");
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void rejectsAServerOfferingTheWrongSize() throws Exception {
    assertThatThrownBy(() -> downloader().fetch(info(SHA, 1000)))
        .hasMessage(
            "download testdata: the server offers 300000 bytes, expected 1000; nothing was kept");
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void serverDownGivesTheOfflineMessage() throws Exception {
    DatasetInfo info = pinned();
    server.stop(0);
    assertThatThrownBy(() -> downloader().fetch(info))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "download testdata: cannot reach 127.0.0.1 (offline?); download "
                + info.url()
                + " yourself and pass it with --data FILE");
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void httpErrorsNameTheStatusAndUrl() {
    DatasetInfo missing =
        new DatasetInfo(
            "testdata",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/missing.bin",
            "m.bin",
            -1,
            null,
            "");
    assertThatThrownBy(() -> downloader().fetch(missing))
        .hasMessage("download testdata: HTTP 404 from " + missing.url());
  }

  @Test
  void unpinnedDatasetsAreCheckedAgainstContentLengthAndReportTheirDigest() throws Exception {
    Downloader.Result result = downloader().fetch(info(null, -1), true);
    assertThat(result.checksumVerified()).isFalse();
    assertThat(result.digest()).isEqualTo(Downloader.Digest.NONE);
    assertThat(result.sha256()).isEqualTo(pinned().sha256());
    assertThat(result.bytes()).isEqualTo(DATA.length);
  }

  @Test
  void aTamperedCachedFileIsRefusedNotHandedOut() throws Exception {
    DatasetInfo info = pinned();
    Path file = downloader().fetch(info).path();
    assertThat(cacheFiles()).containsExactly("data.bin", "data.bin.verified");
    Files.write(file, "tampered!".getBytes());
    assertThatThrownBy(() -> downloader().fetch(info))
        .hasMessage(
            "download testdata: the cached file "
                + file
                + " has 9 bytes, expected 300000 bytes (changed or damaged since it was"
                + " downloaded); delete it and run the command again");
    byte[] sameSize = DATA.clone();
    sameSize[1234] ^= 1;
    Files.write(file, sameSize);
    assertThatThrownBy(() -> downloader().fetch(info))
        .hasMessageStartingWith("download testdata: the cached file " + file + " has sha256 ")
        .hasMessageContaining(", expected sha256 " + info.sha256() + " (changed or damaged");
    assertThat(ranges).hasSize(1);
  }

  @Test
  void anUnpinnedCachedFileIsCheckedAgainstItsVerifiedMarker() throws Exception {
    DatasetInfo info = info(null, -1);
    Path file = downloader().fetch(info, true).path();
    assertThat(downloader().fetch(info).cached()).isTrue();
    Files.write(file, Arrays.copyOf(DATA, 10));
    assertThatThrownBy(() -> downloader().fetch(info))
        .hasMessageStartingWith("download testdata: the cached file " + file + " has sha256 ");
  }

  @Test
  void resumeSendsIfRangeAndStartsOverWhenTheServersFileChanged() throws Exception {
    DatasetInfo info = info(null, -1);
    stallAfter = 100_000;
    assertThatThrownBy(() -> downloader().fetch(info, true)).hasMessageContaining("interrupted at");
    assertThat(Files.readString(cache.resolve("data.bin.part.validator"))).isEqualTo("\"v1\"");
    stallAfter = -1;
    etag = "\"v2\"";
    Downloader.Result result = downloader().fetch(info, true);
    assertThat(ifRanges).containsExactly("none", "\"v1\"");
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
    assertThat(cacheFiles()).containsExactly("data.bin", "data.bin.verified");
  }

  @Test
  void anUnpinnedPartWithoutValidatorIsNotResumed() throws Exception {
    Files.write(cache.resolve("data.bin.part"), new byte[1000]);
    Downloader.Result result = downloader().fetch(info(null, -1), true);
    assertThat(ranges).containsExactly("none");
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
  }

  @Test
  void a416CompletesOnlyAPinnedPartWhoseChecksumMatches() throws Exception {
    Files.write(cache.resolve("data.bin.part"), DATA);
    Files.writeString(cache.resolve("data.bin.part.validator"), etag);
    Downloader.Result unpinned = downloader().fetch(info(null, -1), true);
    assertThat(ranges).containsExactly("bytes=300000-", "none");
    assertThat(Files.readAllBytes(unpinned.path())).isEqualTo(DATA);
    Files.delete(unpinned.path());
    byte[] wrong = DATA.clone();
    wrong[0] ^= 1;
    Files.write(cache.resolve("data.bin.part"), wrong);
    DatasetInfo info = pinned();
    assertThatThrownBy(() -> downloader().fetch(info))
        .hasMessageStartingWith("download testdata: checksum mismatch: expected sha256 ");
    Files.write(cache.resolve("data.bin.part"), DATA);
    assertThat(Files.readAllBytes(downloader().fetch(info).path())).isEqualTo(DATA);
  }

  @Test
  void anUnpinnedFileIsCheckedAgainstTheDigestTheServerAnnouncesBeforeItsRedirect()
      throws Exception {
    linkedEtag = "\"" + dataSha() + "\"";
    Downloader.Result result = downloader().fetch(resolved());
    assertThat(result.digest()).isEqualTo(Downloader.Digest.SERVER);
    assertThat(result.checksumVerified()).isTrue();
    assertThat(result.sha256()).isEqualTo(dataSha());
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
    assertThat(cacheFiles()).containsExactly("data.bin", "data.bin.verified");
    assertThat(Files.readString(cache.resolve("data.bin.verified")))
        .endsWith(" " + dataSha() + " server");
    assertThat(Downloader.cachedDigest(cache, resolved())).isEqualTo(Downloader.Digest.SERVER);
    // later uses re-verify against the recorded digest, as for pinned files
    Downloader.Result again = downloader().fetch(resolved());
    assertThat(again.cached()).isTrue();
    assertThat(again.digest()).isEqualTo(Downloader.Digest.SERVER);
    byte[] changed = DATA.clone();
    changed[99] ^= 1;
    Files.write(result.path(), changed);
    assertThatThrownBy(() -> downloader().fetch(resolved()))
        .hasMessage(
            "download testdata: the cached file "
                + result.path()
                + " has sha256 "
                + sha(changed)
                + ", expected sha256 "
                + dataSha()
                + " (changed or damaged since it was downloaded); delete it and run the command"
                + " again");
    assertThat(resolveRanges).containsExactly("null");
  }

  @Test
  void aDownloadThatDoesNotMatchTheAnnouncedDigestIsRefusedAndNothingIsKept() throws Exception {
    linkedEtag = "\"" + SHA + "\"";
    assertThatThrownBy(() -> downloader().fetch(resolved()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "download testdata: checksum mismatch for data.bin: the server announced sha256 "
                + SHA
                + " (X-Linked-Etag), the downloaded bytes have sha256 "
                + dataSha()
                + "; nothing was kept, run the command again");
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void aDownloadOfAnotherSizeThanAnnouncedIsRefusedBeforeAnyByteIsKept() throws Exception {
    linkedEtag = "\"" + dataSha() + "\"";
    linkedSize = 1000;
    assertThatThrownBy(() -> downloader().fetch(resolved()))
        .hasMessage(
            "download testdata: the server offers 300000 bytes, expected 1000 (announced by the"
                + " server); nothing was kept");
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void withoutAnAnnouncedDigestAnUnpinnedFileIsRefusedUnlessUnverifiedIsAllowed() throws Exception {
    linkedEtag = null;
    assertThatThrownBy(() -> downloader().fetch(resolved()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "download testdata: data.bin cannot be verified: the registry pins no SHA-256 for it"
                + " and the server announced none (no X-Linked-Etag header); nothing was kept. To"
                + " download it unverified: tinyformer data download testdata --allow-unverified"
                + " (or add --allow-unverified to a --dataset command)");
    assertThat(cacheFiles()).isEmpty();
    assertThat(ranges).isEmpty(); // refused at the redirect: no byte was fetched
    Downloader.Result result = downloader().fetch(resolved(), true);
    assertThat(result.digest()).isEqualTo(Downloader.Digest.NONE);
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
    assertThat(Files.readString(cache.resolve("data.bin.verified")))
        .endsWith(" " + dataSha() + " none");
    assertThat(downloader().fetch(resolved()).digest()).isEqualTo(Downloader.Digest.NONE);
  }

  @Test
  void aResumeFollowsTheRedirectWithRangeAndIfRangeAndChecksTheAnnouncedDigest() throws Exception {
    linkedEtag = "\"" + dataSha() + "\"";
    stallAfter = 100_000;
    assertThatThrownBy(() -> downloader().fetch(resolved())).hasMessageContaining("interrupted at");
    long partial = Files.size(cache.resolve("data.bin.part"));
    stallAfter = -1;
    Downloader.Result result = downloader().fetch(resolved());
    assertThat(resolveRanges).containsExactly("null", "bytes=" + partial + "-");
    assertThat(ranges).containsExactly("none", "bytes=" + partial + "-");
    assertThat(ifRanges).containsExactly("none", "\"v1\"");
    assertThat(result.digest()).isEqualTo(Downloader.Digest.SERVER);
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
    assertThat(cacheFiles()).containsExactly("data.bin", "data.bin.verified");
  }

  @Test
  void a416CompletesAnUnpinnedPartWhenItMatchesTheAnnouncedDigest() throws Exception {
    linkedEtag = "\"" + dataSha() + "\"";
    Files.write(cache.resolve("data.bin.part"), DATA);
    Files.writeString(cache.resolve("data.bin.part.validator"), etag);
    Downloader.Result result = downloader().fetch(resolved());
    assertThat(ranges).containsExactly("bytes=300000-");
    assertThat(result.digest()).isEqualTo(Downloader.Digest.SERVER);
    assertThat(Files.readAllBytes(result.path())).isEqualTo(DATA);
  }

  @Test
  void aFullDiskNamesThePartFile() throws Exception {
    Path part = cache.resolve("data.bin.part");
    Files.createSymbolicLink(part, Path.of("/dev/full"));
    assertThatThrownBy(() -> downloader().fetch(pinned()))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessage(part + ": No space left on device");
    Files.delete(part); // the link, not /dev/full
  }

  private static String sha(byte[] bytes) throws Exception {
    Path tmp = Files.write(Files.createTempFile("sha", ".bin"), bytes);
    String sha = Downloader.sha256(tmp);
    Files.delete(tmp);
    return sha;
  }

  @Test
  void plainProgressPrintsALineEveryTenPercent() throws Exception {
    StringWriter log = new StringWriter();
    new Downloader(cache, new DownloadProgress(new PrintWriter(log), false), Duration.ofSeconds(5))
        .fetch(pinned());
    List<String> lines = log.toString().lines().toList();
    assertThat(lines).hasSizeBetween(2, 11);
    assertThat(lines.get(lines.size() - 1)).startsWith("testdata 100% 293.0 KB / 293.0 KB");
    assertThat(log.toString()).doesNotContain("\r");
  }

  @Test
  void terminalProgressRedrawsOneBar() throws Exception {
    StringWriter log = new StringWriter();
    new Downloader(cache, new DownloadProgress(new PrintWriter(log), true), Duration.ofSeconds(5))
        .fetch(pinned());
    assertThat(log.toString()).contains("\rtestdata 100% [##############################]");
    assertThat(log.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }
}
