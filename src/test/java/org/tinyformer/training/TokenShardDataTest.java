package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.data.Batch;
import org.tinyformer.data.TokenShard;
import org.tinyformer.data.TokenShardWriter;
import org.tinyformer.tokenizers.Tokenizer;

/** A pretokenized shard trains on exactly the token windows the text file would give. */
class TokenShardDataTest {
  @TempDir Path dir;

  @Test
  void shardAndTextGiveTheSameSplitAndBatches() throws IOException {
    Path text = dir.resolve("stories.txt");
    Files.writeString(
        text, "Once upon a time there was a cat.\n<|endoftext|>\nThe dog ran far.\n".repeat(60));
    TrainConfig config =
        TrainConfig.preset("tinystories-bpe")
            .with(List.of("data.path=" + text, "data.vocab_size=270"));
    TrainingData fromText = RunSetup.data(config, null);
    Tokenizer bpe = fromText.tokenizer();
    assertThat(bpe.specialTokens()).containsEntry("<|endoftext|>", 269);

    Path bin = dir.resolve("tokens.bin");
    try (TokenShardWriter w = TokenShardWriter.create(bin, bpe.vocabSize())) {
      w.write(RunTokenizer.encodeCorpus(bpe, Files.readString(text)));
    }
    bpe.save(TokenShard.tokenizerFile(bin));
    TrainingData fromShard = RunSetup.data(config.with(List.of("data.path=" + bin)), null);

    assertThat(fromShard.describe())
        .endsWith("(from " + TokenShard.tokenizerFile(bin) + "; uint16 shard, memory-mapped)");
    assertThat(fromShard.describe().replaceAll(" \\(.*", ""))
        .isEqualTo(fromText.describe().replaceAll(" \\(.*", "").replace(text + ":", bin + ":"));
    for (boolean validation : new boolean[] {false, true}) {
      Batch a = fromText.evalBatches(validation, 3, 16, 5).next();
      Batch b = fromShard.evalBatches(validation, 3, 16, 5).next();
      assertThat(b.inputs()).containsExactly(a.inputs());
      assertThat(b.targets()).containsExactly(a.targets());
    }
    assertThat(fromShard.trainBatches(2, 16, 9).next().inputs())
        .containsExactly(fromText.trainBatches(2, 16, 9).next().inputs());
  }
}
