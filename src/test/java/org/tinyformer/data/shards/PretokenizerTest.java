package org.tinyformer.data.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.BpeTrainer;
import org.tinyformer.tokenizers.CharTokenizer;
import org.tinyformer.tokenizers.PreTokenizer;

class PretokenizerTest {
  static final Path SHAKESPEARE = Path.of("../shared/data/tinyshakespeare.txt");
  static final String EOT = "<|endoftext|>";

  @TempDir Path tmp;

  static String shakespeare(int chars) throws IOException {
    assertThat(SHAKESPEARE).as("shared data beside the repository").exists();
    return Files.readString(SHAKESPEARE).substring(0, chars);
  }

  static BpeTokenizer bpe() throws IOException {
    return BpeTrainer.train(shakespeare(20_000), 400, PreTokenizer.gpt2(), List.of(EOT), 1);
  }

  static PretokenizeSettings small(long shardTokens, int maxLength, int threads) {
    return new PretokenizeSettings(shardTokens, maxLength, threads, "text", true, "strict", 4096);
  }

  static int[] all(ShardDirectory d) {
    int[] ids = new int[(int) d.size()];
    d.read(0, ids, 0, ids.length);
    return ids;
  }

  static int[] concat(int[]... parts) {
    return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void shardsHoldExactlyTheTokensOfTheWholeText() throws IOException {
    String text = shakespeare(60_000);
    Path input = tmp.resolve("a.txt");
    Files.writeString(input, text);
    BpeTokenizer t = bpe();
    Path out = tmp.resolve("shards");
    Pretokenizer.Result r =
        Pretokenizer.run(List.of(input), t, out, small(5_000, 0, 2), PretokenizeProgress.NONE);
    ShardDirectory d = ShardDirectory.open(out);
    int eot = t.specialTokens().get(EOT);
    assertThat(all(d)).containsExactly(concat(t.encode(text), new int[] {eot}));
    assertThat(d.shardCount()).isGreaterThan(3);
    assertThat(r.index().shards().subList(0, d.shardCount() - 1))
        .allSatisfy(s -> assertThat(s.tokens()).isEqualTo(5_000));
    assertThat(r.index().dtype()).isEqualTo("uint16");
    assertThat(d.documentStarts()).containsExactly(0L);
    assertThat(Files.readString(out.resolve("tokenizer.json")))
        .isEqualTo(Files.readString(savedTokenizer(t)));
  }

  private Path savedTokenizer(BpeTokenizer t) throws IOException {
    Path p = tmp.resolve("expected-tokenizer.json");
    t.save(p);
    return p;
  }

  /** A full disk (Linux's /dev/full in place of the file) names the index or .docs file. */
  @Test
  void aFullDiskNamesTheIndexAndTheDocumentsFile() throws IOException {
    Path input = Files.writeString(tmp.resolve("a.txt"), shakespeare(8_000));
    BpeTokenizer t = bpe();
    Pretokenizer.Result r =
        Pretokenizer.run(
            List.of(input), t, tmp.resolve("ok"), small(5_000, 0, 1), PretokenizeProgress.NONE);
    Path full = Path.of("/dev/full");
    Path indexDir = Files.createDirectories(tmp.resolve("index"));
    Files.createSymbolicLink(indexDir.resolve("index.json.tmp"), full);
    assertThatThrownBy(() -> r.index().write(indexDir))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessage(indexDir.resolve("index.json") + ": No space left on device");
    Files.delete(indexDir.resolve("index.json.tmp"));
    String docs = r.index().shards().get(0).documentsFile();
    Path out = Files.createDirectories(tmp.resolve("docs"));
    Files.createSymbolicLink(out.resolve(docs + ".tmp"), full);
    assertThatThrownBy(
            () ->
                Pretokenizer.run(
                    List.of(input), t, out, small(5_000, 0, 1), PretokenizeProgress.NONE))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessage(out.resolve(docs) + ": No space left on device");
    Files.delete(out.resolve(docs + ".tmp"));
  }

  @Test
  void documentsAreSeparatedByEndOfTextAcrossFilesAndGzipIsRead() throws IOException {
    String a = shakespeare(3_000);
    String b = "Once upon a time" + EOT + "there was a cat.";
    Files.writeString(tmp.resolve("a.txt"), a);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("b.txt.gz")))) {
      o.write(b.getBytes(StandardCharsets.UTF_8));
    }
    BpeTokenizer t = bpe();
    int eot = t.specialTokens().get(EOT);
    Path out = tmp.resolve("shards");
    Pretokenizer.run(
        List.of(tmp.resolve("a.txt"), tmp.resolve("b.txt.gz")),
        t,
        out,
        small(700, 0, 2),
        PretokenizeProgress.NONE);
    ShardDirectory d = ShardDirectory.open(out);
    int[] first = t.encode(a);
    int[] once = t.encode("Once upon a time");
    int[] cat = t.encode("there was a cat.");
    assertThat(all(d))
        .containsExactly(
            concat(first, new int[] {eot}, once, new int[] {eot}, cat, new int[] {eot}));
    assertThat(d.documentStarts())
        .containsExactly(0L, first.length + 1L, first.length + once.length + 2L);
  }

  @Test
  void jsonlLinesAreDocumentsAndMaxLengthCutsThem() throws IOException {
    Path input = tmp.resolve("docs.jsonl");
    List<String> docs = List.of("abcdefghij", "xyz", "", "0123456789abcdef");
    StringBuilder sb = new StringBuilder();
    for (String s : docs) {
      sb.append("{\"id\": 1, \"text\": \"").append(s).append("\"}\n\n");
    }
    Files.writeString(input, sb.toString());
    CharTokenizer t = CharTokenizer.fit(String.join("", docs));
    Path out = tmp.resolve("shards");
    Pretokenizer.run(List.of(input), t, out, small(7, 4, 1), PretokenizeProgress.NONE);
    ShardDirectory d = ShardDirectory.open(out);
    assertThat(all(d)).containsExactly(t.encode(String.join("", docs)));
    // no end-of-text id in a char vocabulary: documents end at lines, pieces of at most 4 tokens
    assertThat(d.documentStarts()).containsExactly(0L, 4L, 8L, 10L, 13L, 17L, 21L, 25L);
    assertThat(d.shardCount()).isEqualTo(5);
  }

  @Test
  void anInterruptedRunKeepsItsFinishedShardsAndEndsIdentical() throws IOException {
    String text = shakespeare(40_000);
    Path input = tmp.resolve("a.txt");
    Files.writeString(input, text);
    BpeTokenizer t = bpe();
    Path whole = tmp.resolve("whole");
    Pretokenizer.run(List.of(input), t, whole, small(1_500, 50, 2), PretokenizeProgress.NONE);

    Path out = tmp.resolve("interrupted");
    PretokenizeProgress crash =
        new PretokenizeProgress() {
          @Override
          public void update(long read, long total, long tokens) {}

          @Override
          public void shardFinished(int index, long tokens) {
            if (index == 2) {
              throw new IllegalStateException("simulated crash");
            }
          }
        };
    assertThatThrownBy(() -> Pretokenizer.run(List.of(input), t, out, small(1_500, 50, 2), crash))
        .hasMessage("simulated crash");
    FileTime before = Files.getLastModifiedTime(out.resolve("shard-00001.bin"));
    List<Integer> finished = new ArrayList<>();
    PretokenizeProgress record =
        new PretokenizeProgress() {
          @Override
          public void update(long read, long total, long tokens) {}

          @Override
          public void shardFinished(int index, long tokens) {
            finished.add(index);
          }
        };
    Pretokenizer.Result r = Pretokenizer.run(List.of(input), t, out, small(1_500, 50, 2), record);
    assertThat(r.shardsKept()).isEqualTo(3);
    assertThat(finished.get(0)).isEqualTo(3);
    assertThat(Files.getLastModifiedTime(out.resolve("shard-00001.bin"))).isEqualTo(before);
    List<String> names;
    try (var files = Files.list(whole)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String name : names) {
      assertThat(Files.readAllBytes(out.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(whole.resolve(name)));
    }
    Pretokenizer.Result again =
        Pretokenizer.run(List.of(input), t, out, small(1_500, 50, 2), record);
    assertThat(again.tokensWritten()).isZero();
  }

  @Test
  void threadCountDoesNotChangeTheShards() throws IOException {
    Path input = tmp.resolve("a.txt");
    Files.writeString(input, shakespeare(30_000));
    BpeTokenizer t = bpe();
    Pretokenizer.run(
        List.of(input), t, tmp.resolve("one"), small(2_000, 0, 1), PretokenizeProgress.NONE);
    Pretokenizer.run(
        List.of(input), t, tmp.resolve("three"), small(2_000, 0, 3), PretokenizeProgress.NONE);
    assertThat(all(ShardDirectory.open(tmp.resolve("three"))))
        .containsExactly(all(ShardDirectory.open(tmp.resolve("one"))));
  }

  @Test
  void refusesToResumeWithOtherSettings() throws IOException {
    Path input = tmp.resolve("a.txt");
    Files.writeString(input, shakespeare(5_000));
    BpeTokenizer t = bpe();
    Path out = tmp.resolve("shards");
    Pretokenizer.run(List.of(input), t, out, small(1_000, 0, 1), PretokenizeProgress.NONE);
    assertThatThrownBy(
            () ->
                Pretokenizer.run(
                    List.of(input), t, out, small(2_000, 0, 1), PretokenizeProgress.NONE))
        .hasMessage(
            "pretokenize: "
                + out
                + " holds shards of other inputs, another tokenizer or other settings; pass a new"
                + " --out directory or delete this one");
  }

  @Test
  void validationHoldsOutWholeDocuments() throws IOException {
    Path input = tmp.resolve("docs.jsonl");
    StringBuilder sb = new StringBuilder();
    IntStream.range(0, 20)
        .forEach(i -> sb.append("{\"text\": \"doc ").append(i).append(" words\"}\n"));
    Files.writeString(input, sb.toString());
    BpeTokenizer t = bpe();
    Path out = tmp.resolve("shards");
    Pretokenizer.run(List.of(input), t, out, small(13, 0, 2), PretokenizeProgress.NONE);
    ShardDirectory d = ShardDirectory.open(out);
    var split = d.split(0.1);
    long[] starts = d.documentStarts();
    assertThat(starts).hasSize(20);
    assertThat(split.train().size()).isEqualTo(starts[18]);
    assertThat(split.train().size() + split.val().size()).isEqualTo(d.size());
    int[] val = new int[(int) split.val().size()];
    split.val().read(0, val, 0, val.length);
    assertThat(t.decode(val)).isEqualTo("doc 18 words" + EOT + "doc 19 words" + EOT);
  }
}
