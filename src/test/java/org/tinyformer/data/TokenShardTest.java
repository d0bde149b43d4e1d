package org.tinyformer.data;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenShardTest {
  @TempDir Path dir;

  @Test
  void uint16ShardRoundTrips() throws IOException {
    Path p = dir.resolve("tokens.bin");
    try (TokenShardWriter w = TokenShardWriter.create(p, 50257)) {
      w.write(new int[] {0, 1, 50256});
      w.write(new int[] {65535 % 50257, 7});
    }
    assertThat(Files.size(p)).isEqualTo(32 + 5 * 2);
    try (TokenShard s = TokenShard.open(p)) {
      assertThat(s.size()).isEqualTo(5);
      assertThat(s.header().dtype()).isEqualTo("uint16");
      assertThat(s.vocabSize()).isEqualTo(50257);
      assertThat(s.get(2)).isEqualTo(50256);
      int[] all = new int[5];
      s.copy(0, all, 0, 5);
      assertThat(all).containsExactly(0, 1, 50256, 15278, 7);
    }
    assertThat(dir.resolve("tokens.bin.tmp")).doesNotExist();
  }

  @Test
  void largeVocabulariesUseUint32() throws IOException {
    Path p = dir.resolve("big.bin");
    int[] ids = new int[100_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 7919) % 100_000;
    }
    try (TokenShardWriter w = TokenShardWriter.create(p, 100_000)) {
      w.write(ids);
    }
    try (TokenShard s = TokenShard.open(p)) {
      assertThat(s.header().dtype()).isEqualTo("uint32");
      for (int i = 0; i < ids.length; i += 997) {
        assertThat(s.get(i)).isEqualTo(ids[i]);
      }
      assertThat(s.get(ids.length - 1)).isEqualTo(ids[ids.length - 1]);
    }
  }

  @Test
  void rejectsIdsOutsideTheVocabulary() throws IOException {
    try (TokenShardWriter w = TokenShardWriter.create(dir.resolve("x.bin"), 10)) {
      assertThatThrownBy(() -> w.write(new int[] {10}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("token shard: id 10 out of range 0..9");
    }
  }

  @Test
  void rejectsOtherFilesAndTruncatedShards() throws IOException {
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[40]);
    assertThatThrownBy(() -> TokenShard.open(junk))
        .hasMessageStartingWith("token shard " + junk + ": expected magic TFTOKENS");
    // the header's bytes are shown on one line: a newline, a backslash, a high byte escaped
    Files.write(junk, java.util.Arrays.copyOf("TF\nT\\ K\u00e9".getBytes(ISO_8859_1), 40));
    assertThatThrownBy(() -> TokenShard.open(junk))
        .hasMessage(
            "token shard "
                + junk
                + ": expected magic TFTOKENS, got TF\\x0AT\\x5C\\x20K\\xE9; write it with"
                + " 'tinyformer tokenizer pretokenize'");
    Path p = dir.resolve("t.bin");
    try (TokenShardWriter w = TokenShardWriter.create(p, 100)) {
      w.write(new int[] {1, 2, 3});
    }
    byte[] bytes = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 2));
    assertThatThrownBy(() -> TokenShard.open(p))
        .hasMessageContaining("expected 38 bytes for 3 tokens, got 36 (truncated");
  }

  @Test
  void aHeaderCountOfTwoToTheSixtySecondIsRefusedWithoutOverflow() throws IOException {
    Path p = dir.resolve("big.bin");
    try (TokenShardWriter w = TokenShardWriter.create(p, 100)) {
      w.write(new int[] {1, 2, 3});
    }
    byte[] bytes = Files.readAllBytes(p);
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 62);
    Files.write(p, bytes);
    assertThatThrownBy(() -> TokenShard.open(p))
        .hasMessage(
            "token shard "
                + p
                + ": the header says 4611686018427387904 tokens of 2 bytes, more than any file"
                + " holds: corrupt header");
  }

  @Test
  void anIdEqualToTheVocabularySizeIsFoundWhenTheShardIsOpened() throws IOException {
    Path p = dir.resolve("bad.bin");
    int[] ids = new int[200_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i % 50;
    }
    try (TokenShardWriter w = TokenShardWriter.create(p, 100)) {
      w.write(ids);
    }
    byte[] bytes = Files.readAllBytes(p);
    int token = 123_457;
    java.nio.ByteBuffer.wrap(bytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putShort(TokenShardHeader.SIZE + 2 * token, (short) 100);
    Files.write(p, bytes);
    assertThatThrownBy(() -> TokenShard.open(p))
        .hasMessage(
            "token shard "
                + p
                + ": token 123457 (byte offset 246946) is id 100, outside the vocabulary 0..99");
    java.nio.ByteBuffer.wrap(bytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putShort(TokenShardHeader.SIZE + 2 * token, (short) 99);
    Files.write(p, bytes);
    try (TokenShard s = TokenShard.open(p)) {
      assertThat(s.get(token)).isEqualTo(99);
    }
  }

  @Test
  void getOutsideTheShardThrows() throws IOException {
    Path p = dir.resolve("t.bin");
    try (TokenShardWriter w = TokenShardWriter.create(p, 100)) {
      w.write(new int[] {1});
    }
    try (TokenShard s = TokenShard.open(p)) {
      assertThatThrownBy(() -> s.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void shardIsATokenStreamThatSplitsAndSamplesWithoutCopying() throws IOException {
    Path p = dir.resolve("tokens.bin");
    int[] ids = new int[1000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 31) % 70_000;
    }
    try (TokenShardWriter w = TokenShardWriter.create(p, 70_000)) {
      w.write(ids);
    }
    try (TokenShard s = TokenShard.open(p)) {
      TrainValSplit split = TrainValSplit.of(s, 0.9);
      assertThat(split.train().size()).isEqualTo(900);
      assertThat(split.val().get(0)).isEqualTo(ids[900]);
      int[] window = new int[5];
      split.val().read(95, window, 0, 5);
      assertThat(window).containsExactly(ids[995], ids[996], ids[997], ids[998], ids[999]);
      assertThatThrownBy(() -> split.val().read(96, window, 0, 5))
          .hasMessage("token stream: range [96, 101) is outside [0, 100)");
      Batch b = new BlockSampler(split.train(), 2, 8, 1).next();
      Batch same = new BlockSampler(TokenStream.of(ids).slice(0, 900), 2, 8, 1).next();
      assertThat(b.inputs()).containsExactly(same.inputs());
      assertThat(b.targets()).containsExactly(same.targets());
    }
  }

  @Test
  void shardsAreToldApartByTheirMagicNotTheirName() throws IOException {
    Path p = dir.resolve("corpus.txt");
    try (TokenShardWriter w = TokenShardWriter.create(p, 10)) {
      w.write(new int[] {1, 2});
    }
    Path text = dir.resolve("tokens.bin");
    Files.writeString(text, "TFTOKEN, almost");
    assertThat(TokenShard.isShard(p)).isTrue();
    assertThat(TokenShard.isShard(text)).isFalse();
    assertThat(TokenShard.isShard(dir.resolve("missing.bin"))).isFalse();
    assertThat(TokenShard.tokenizerFile(p)).isEqualTo(dir.resolve("corpus.txt.tokenizer.json"));
  }
}
