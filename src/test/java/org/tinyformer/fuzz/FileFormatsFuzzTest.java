package org.tinyformer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.data.TokenShard;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.CheckpointChecksums;
import org.tinyformer.io.Safetensors;
import org.tinyformer.io.TrainingState;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.CharTokenizer;
import org.tinyformer.training.TrainConfig;

/** Safetensors, checkpoints, token shards, YAML configs and --set: refused by name or read. */
class FileFormatsFuzzTest {
  private static final String[] CHECKPOINT_FILES = {
    "model.json", "state.json", "model.safetensors", "tokenizer.json"
  };

  @FuzzTest(maxDuration = "10m")
  void safetensors(FuzzedDataProvider data) throws Exception {
    byte[] bytes = data.consumeRemainingAsBytes();
    Path p = FuzzFiles.write("t.safetensors", bytes);
    FuzzFiles.expectUserErrorOnly(() -> Safetensors.read(p));
  }

  @FuzzTest(maxDuration = "10m")
  void tokenShard(FuzzedDataProvider data) throws Exception {
    byte[] bytes = data.consumeRemainingAsBytes();
    Path p = FuzzFiles.write("tokens.bin", bytes);
    FuzzFiles.expectUserErrorOnly(
        () -> {
          try (TokenShard s = TokenShard.open(p)) {
            int[] all = new int[(int) Math.min(s.size(), 1 << 20)];
            s.read(0, all, 0, all.length);
            for (int id : all) {
              assertThat(s.vocabSize() == 0 || (id >= 0 && id < s.vocabSize())).isTrue();
            }
          }
        });
  }

  /**
   * One file of a valid checkpoint replaced by the input (checksums recomputed, as an attacker
   * could).
   */
  @FuzzTest(maxDuration = "10m")
  void checkpointFile(FuzzedDataProvider data) throws Exception {
    byte[] input = data.consumeRemainingAsBytes(); // which file (first byte), then its content
    String file = CHECKPOINT_FILES[input.length == 0 ? 0 : (input[0] & 0xFF) % 4];
    Path dir = FuzzFiles.write("marker", new byte[0]).resolveSibling("checkpoint");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> f : VALID_CHECKPOINT.entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
    }
    Files.write(
        dir.resolve(file), Arrays.copyOfRange(input, Math.min(1, input.length), input.length));
    CheckpointChecksums.write(dir);
    FuzzFiles.expectUserErrorOnly(() -> Checkpoint.load(dir));
  }

  @FuzzTest(maxDuration = "10m")
  void yamlConfig(FuzzedDataProvider data) throws Exception {
    String yaml = data.consumeRemainingAsString();
    FuzzFiles.expectUserErrorOnly(() -> TrainConfig.parse(yaml, "fuzz.yaml"));
  }

  @FuzzTest(maxDuration = "10m")
  void setOverride(FuzzedDataProvider data) throws Exception {
    String assignment = data.consumeRemainingAsString();
    FuzzFiles.expectUserErrorOnly(
        () -> TrainConfig.preset(TrainConfig.DEFAULT_PRESET).with(List.of(assignment)));
  }

  /**
   * The files of a small valid checkpoint, saved once per JVM (saving one per input made this
   * target run at one input a second).
   */
  private static final Map<String, byte[]> VALID_CHECKPOINT = validCheckpoint();

  private static Map<String, byte[]> validCheckpoint() {
    try {
      Path dir = Files.createTempDirectory("tinyformer-fuzz-checkpoint");
      CharTokenizer tokenizer = CharTokenizer.fit("hello world");
      Gpt gpt = new Gpt(GptConfig.gpt2(tokenizer.vocabSize(), 8, 1, 2, 8, 0f), new Rng(1));
      TrainingState state =
          new TrainingState(3, 96, 2.5, 1.0, "adamw", 3, Map.of("data", new Rng(5).state()));
      Checkpoint.save(dir, new Checkpoint.Contents("gpt", gpt, tokenizer, null, state, ""));
      Map<String, byte[]> files = new java.util.TreeMap<>();
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.filter(Files::isRegularFile).toList()) {
          files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
