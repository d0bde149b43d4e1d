package org.tinyformer.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.CharTokenizer;

/**
 * Checkpoint files crafted with valid checksums but hostile content: sizes are bounded before
 * anything is allocated, and every bad value is named.
 */
class HostileCheckpointTest {
  @TempDir Path dir;
  Path checkpoint;

  @BeforeEach
  void save() throws IOException {
    CharTokenizer tokenizer = CharTokenizer.fit("hello world");
    Gpt gpt = new Gpt(GptConfig.gpt2(tokenizer.vocabSize(), 16, 1, 2, 8, 0f), new Rng(1));
    checkpoint = dir.resolve("checkpoint");
    TrainingState state =
        new TrainingState(3, 96, 2.5, 1.0, "adamw", 3, Map.of("data", new Rng(5).state()));
    Checkpoint.save(checkpoint, new Checkpoint.Contents("gpt", gpt, tokenizer, null, state, ""));
  }

  private void replace(String file, String from, String to) throws IOException {
    Path p = checkpoint.resolve(file);
    String text = Files.readString(p);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to));
    CheckpointChecksums.write(checkpoint); // an attacker can recompute them too
  }

  @Test
  void theSavedCheckpointLoads() throws IOException {
    assertThat(Checkpoint.load(checkpoint).state().step()).isEqualTo(3);
  }

  @Test
  void aHundredThousandLayersAreRefusedWithTheEstimateBeforeAllocating() throws IOException {
    replace("model.json", "\"numLayers\" : 1,", "\"numLayers\" : 100000,");
    assertThatThrownBy(() -> Checkpoint.load(checkpoint))
        .hasMessage(
            "checkpoint: "
                + checkpoint.resolve("model.json")
                + " describes 87,200,208 parameters (332.6 MB as float32), but "
                + checkpoint.resolve("model.safetensors")
                + " holds only 5,600 bytes: model.json and the weights do not belong together");
  }

  @Test
  void aNullConfigIsNamed() throws IOException {
    String json = Files.readString(checkpoint.resolve("model.json"));
    Files.writeString(checkpoint.resolve("model.json"), "{\"kind\":\"gpt\",\"config\":null}");
    CheckpointChecksums.write(checkpoint);
    assertThatThrownBy(() -> Checkpoint.load(checkpoint))
        .hasMessage(
            "checkpoint: "
                + checkpoint.resolve("model.json")
                + " needs \"kind\" and \"config\", got kind gpt and config null");
    assertThat(json).contains("\"config\"");
  }

  @Test
  void anInvalidConfigValueNamesTheRule() throws IOException {
    replace("model.json", "\"numHeads\" : 2,", "\"numHeads\" : 3,");
    assertThatThrownBy(() -> Checkpoint.load(checkpoint))
        .hasMessage(
            "checkpoint: "
                + checkpoint.resolve("model.json")
                + ": gpt config: embedDim (8) must be divisible by numHeads (3)");
  }

  @Test
  void aStepOfOneTrillionIsRefused() throws IOException {
    replace("state.json", "\"step\" : 3,", "\"step\" : 1000000000000,");
    assertThatThrownBy(() -> Checkpoint.load(checkpoint))
        .hasMessage(
            "checkpoint: "
                + checkpoint.resolve("state.json")
                + ": training state: step 1000000000000 is more than the 96 tokens trained (a"
                + " step trains at least one token)");
  }

  @Test
  void anAllZeroGeneratorStateIsRefused() throws IOException {
    Path p = checkpoint.resolve("state.json");
    Files.writeString(
        p, Files.readString(p).replaceAll("\"data\" : \\[[^\\]]*\\]", "\"data\" : [0, 0, 0, 0]"));
    CheckpointChecksums.write(checkpoint);
    assertThatThrownBy(() -> Checkpoint.load(checkpoint))
        .hasMessage(
            "checkpoint: "
                + checkpoint.resolve("state.json")
                + ": training state: generator 'data' must have 4 longs, not all zero, got [0, 0,"
                + " 0, 0]");
    assertThatThrownBy(() -> new Rng(1).setState(new long[4]))
        .hasMessage("rng: an all-zero state is degenerate (xoshiro256 would return 0 forever)");
  }
}
