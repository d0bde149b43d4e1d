package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.data.shards.ShardDirectory;

/**
 * The tokenizer commands on a registry dataset ({@code --dataset tinystories}) fetched from a local
 * HTTP server into the cache on first use and read from the cache afterwards; and the JSONL misuse
 * paths on the command line.
 */
class DatasetCorpusTest {
  private static final Path STORIES =
      Path.of("../shared/data/tinystories/tinystories_valid_sample.txt");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private String mirror;

  @BeforeEach
  void serveTinyStories() throws IOException {
    assertThat(STORIES).as("shared data beside the repository").exists();
    byte[] body = Files.readAllBytes(STORIES);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/TinyStories-train.txt",
        exchange -> {
          requests.incrementAndGet();
          // as a Hugging Face mirror: the LFS file's SHA-256, which the download is checked against
          exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256(STORIES) + "\"");
          exchange.getResponseHeaders().add("X-Linked-Size", Long.toString(body.length));
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
          }
        });
    server.createContext(
        "/unannounced/TinyStories-train.txt",
        exchange -> {
          requests.incrementAndGet(); // a plain web server: no X-Linked-Etag
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
          }
        });
    server.start();
    mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private static String sha256(Path file) throws IOException {
    return org.tinyformer.data.download.Downloader.sha256(file);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String[] withCache(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--cache-dir", dir.resolve("cache").toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void analyzeTrainAndPretokenizeADatasetThroughTheCache() throws IOException {
    String[] analyze = {
      "tokenizer",
      "analyze",
      "--dataset",
      "tinystories",
      "--subset",
      "100",
      "--vocab-sizes",
      "256,300,400"
    };
    List<String> first = new ArrayList<>(List.of(withCache(analyze)));
    first.addAll(List.of("--mirror", mirror));
    assertThat(run(first.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(requests.get()).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "tinystories-train: downloaded 807,375 bytes to "
                + dir.resolve("cache/TinyStories-train.txt")
                + " (sha256 announced by the server)");
    assertThat(dir.resolve("cache/TinyStories-train.txt")).hasSameBinaryContentAs(STORIES);
    assertThat(out.toString())
        .contains("corpus dataset tinystories (seeded sample of 100 documents, seed 1337): ")
        .contains(" chars, 100 documents")
        .contains("recommended bpe vocab size: ");
    String sampled = out.toString();

    // from the cache: no --mirror, no request, the same seeded sample
    assertThat(run(withCache(analyze))).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo(sampled);
    Path bpe = dir.resolve("bpe.json");
    String[] train = {
      "tokenizer", "train", "--dataset", "tinystories", "--vocab-size", "400", "--out", bpe + ""
    };
    assertThat(run(withCache(train))).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("trained bpe: vocab 400 (143 merges, 1 special) on 807,375 bytes");
    Path shards = dir.resolve("shards");
    String[] pretokenize = {
      "tokenizer",
      "pretokenize",
      "--dataset",
      "tinystories",
      "--tokenizer",
      bpe + "",
      "--out",
      shards + ""
    };
    assertThat(run(withCache(pretokenize))).as(err.toString()).isZero();
    // 1,000 stories, then the file's final newline after the last marker
    assertThat(ShardDirectory.open(shards).index().documents()).isEqualTo(1001);
    assertThat(requests.get()).isEqualTo(1);

    String[] trainModel = {
      "train",
      "--preset",
      "tinystories-bpe",
      "--data",
      "tinystories",
      "--run-dir",
      dir.resolve("run") + "",
      "--set",
      "data.tokenizer=char",
      "--set",
      "model.num_layers=1",
      "--set",
      "model.num_heads=2",
      "--set",
      "model.embed_dim=16",
      "--set",
      "model.context_length=16",
      "--set",
      "training.steps=2",
      "--set",
      "training.batch_size=2",
      "--set",
      "training.eval_interval=2",
      "--set",
      "training.eval_batches=1",
      "--set",
      "training.checkpoint_interval=0"
    };
    assertThat(run(withCache(trainModel))).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains(
            "data: tinystories is " + dir.resolve("cache/TinyStories-train.txt") + " (cached)");
    assertThat(out.toString()).contains("data: " + dir.resolve("cache/TinyStories-train.txt"));
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void aBadJsonlLineAndAMissingTextFieldAreNamed() throws IOException {
    Path f = dir.resolve("docs.jsonl");
    Files.writeString(f, "{\"text\": \"a cat\"}\n{\"text\": \"a dog\",}\n");
    String[] train = {"tokenizer", "train", "--input", f + "", "--vocab-size", "260", "--out", "x"};
    assertThat(run(train)).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: jsonl " + f + ": line 2 is not valid JSON: Unexpected character");
    Files.writeString(f, "{\"body\": \"a cat\"}\n");
    assertThat(run(train)).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: jsonl "
                + f
                + ": line 1 has no field 'text' (its fields: body); name the text field with"
                + " --text-field\n");
    Path bpe = dir.resolve("bpe.json");
    assertThat(
            run(
                "tokenizer",
                "train",
                "--input",
                f + "",
                "--text-field",
                "body",
                "--vocab-size",
                "260",
                "--out",
                bpe + ""))
        .as(err.toString())
        .isZero();
  }

  @Test
  void anUnpinnedDatasetWithoutAnAnnouncedDigestIsRefusedUnlessAllowed() {
    String[] train = {
      "tokenizer",
      "train",
      "--dataset",
      "tinystories",
      "--vocab-size",
      "260",
      "--out",
      dir.resolve("t.json").toString(),
      "--mirror",
      mirror + "unannounced"
    };
    assertThat(run(withCache(train))).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "error: download tinystories-train: TinyStories-train.txt cannot be verified: the"
                + " registry pins no SHA-256 for it and the server announced none (no"
                + " X-Linked-Etag header); nothing was kept. To download it unverified: tinyformer"
                + " data download tinystories-train --allow-unverified (or add --allow-unverified"
                + " to a --dataset command)"
                + System.lineSeparator());
    assertThat(dir.resolve("cache")).isEmptyDirectory();
    List<String> allowed = new ArrayList<>(List.of(withCache(train)));
    allowed.add("--allow-unverified");
    assertThat(run(allowed.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains(
            "tinystories-train: downloaded 807,375 bytes to "
                + dir.resolve("cache/TinyStories-train.txt")
                + " (sha256 not verified)");
  }

  @Test
  void aCorpusIsRequired() {
    assertThat(run("tokenizer", "train", "--vocab-size", "260", "--out", "x")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: tokenizer train: pass the corpus with --input PATH... or --dataset NAME (one"
                + " of them)\n");
  }
}
