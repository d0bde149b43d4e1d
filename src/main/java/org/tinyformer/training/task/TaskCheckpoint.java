package org.tinyformer.training.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.io.AtomicDirectory;
import org.tinyformer.io.Safetensors;
import org.tinyformer.optim.Optimizer;
import org.tinyformer.tensor.Tensor;

/**
 * Saves and restores a task run's checkpoint directory ({@code model.safetensors}, {@code
 * optimizer.safetensors}, {@code state.json} with the step and the data Rng), written atomically.
 */
public final class TaskCheckpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The step and the data sampler's Rng state of a checkpoint. */
  public record State(int step, long[] rng, int optimizerSteps) {}

  private TaskCheckpoint() {}

  public static void save(Path dir, Seq2SeqModel model, Optimizer optimizer, State state)
      throws IOException {
    AtomicDirectory.write(
        dir,
        tmp -> {
          Safetensors.write(
              tmp.resolve("model.safetensors"), model.parameters(), Map.of("kind", model.kind()));
          Safetensors.write(tmp.resolve("optimizer.safetensors"), optimizer.state(), Map.of());
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("step", state.step());
          s.put("rng", state.rng());
          s.put("optimizer_steps", state.optimizerSteps());
          Files.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(s));
        });
  }

  /** Copies the saved weights into {@code model}'s parameters (shapes must match). */
  public static void loadModel(Path dir, Seq2SeqModel model) throws IOException {
    Map<String, Tensor> saved = Safetensors.read(dir.resolve("model.safetensors"));
    copyInto(model.parameters(), saved, dir);
  }

  /** Restores weights and optimizer; returns the saved state. */
  public static State load(Path dir, Seq2SeqModel model, Optimizer optimizer) throws IOException {
    loadModel(dir, model);
    var node = JSON.readTree(dir.resolve("state.json").toFile());
    long[] rng = new long[4];
    for (int i = 0; i < 4; i++) {
      rng[i] = node.get("rng").get(i).asLong();
    }
    State state = new State(node.get("step").asInt(), rng, node.get("optimizer_steps").asInt());
    optimizer.loadState(
        Safetensors.read(dir.resolve("optimizer.safetensors")), state.optimizerSteps());
    return state;
  }

  private static void copyInto(Map<String, Tensor> own, Map<String, Tensor> saved, Path dir) {
    for (var e : own.entrySet()) {
      Tensor t = saved.get(e.getKey());
      if (t == null || t.numel() != e.getValue().numel()) {
        throw new IllegalArgumentException(
            "task checkpoint: "
                + dir
                + " has no tensor "
                + e.getKey()
                + " of shape "
                + e.getValue().shape()
                + "; was it saved with another model config?");
      }
      System.arraycopy(t.data(), 0, e.getValue().data(), 0, t.numel());
    }
  }
}
