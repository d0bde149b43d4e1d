package org.tinyformer.training.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.data.tasks.TaskBatches;
import org.tinyformer.data.tasks.TaskConfig;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.Models;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * The decoder-only GPT on a sequence task: one sequence {@code START source SEP target END}, loss
 * on {@code target END} only; greedy decoding continues the prompt {@code START source SEP},
 * batching prompts of equal length together.
 */
public final class GptTaskModel implements Seq2SeqModel {
  private final LanguageModel model;

  public GptTaskModel(LanguageModel model) {
    this.model = model;
  }

  /** A GPT-2 style model sized by {@code model.*} with room for the longest task sequence. */
  public static GptTaskModel create(TaskRunConfig config, Rng rng) {
    TaskConfig task = config.taskConfig();
    int context = TaskModels.longestSequence(task) + TaskModels.longestTarget(task) + 3;
    GptConfig gpt =
        GptConfig.gpt2(
            new TaskVocabulary(task).size(),
            context,
            config.integer("model.num_layers"),
            config.integer("model.num_heads"),
            config.integer("model.embed_dim"),
            (float) config.number("model.dropout"));
    return new GptTaskModel(Models.create("gpt", gpt, rng));
  }

  public LanguageModel model() {
    return model;
  }

  @Override
  public String kind() {
    return "gpt";
  }

  @Override
  public Map<String, Tensor> parameters() {
    return model.parameters();
  }

  @Override
  public void setTraining(boolean training) {
    model.setTraining(training);
  }

  @Override
  public float forwardBackward(List<TaskExample> examples) {
    Batch b = TaskBatches.decoderOnly(examples);
    return model.forwardBackward(b.inputs(), b.targets(), b.batchSize(), b.length());
  }

  @Override
  public float loss(List<TaskExample> examples) {
    Batch b = TaskBatches.decoderOnly(examples);
    return model.loss(b.inputs(), b.targets(), b.batchSize(), b.length());
  }

  @Override
  public int[][] predict(List<int[]> sources, int maxLength) {
    int[][] out = new int[sources.size()][];
    Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      byLength.computeIfAbsent(sources.get(i).length, k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> rows : byLength.values()) {
      int[][] predicted = greedy(rows.stream().map(sources::get).toList(), maxLength);
      for (int r = 0; r < rows.size(); r++) {
        out[rows.get(r)] = predicted[r];
      }
    }
    return out;
  }

  /** Greedy continuation of equal-length prompts, recomputing the sequence at each step. */
  private int[][] greedy(List<int[]> sources, int maxLength) {
    int B = sources.size();
    int P = sources.get(0).length + 2;
    int limit = Math.min(maxLength, model.config().contextLength() - P);
    int width = P + limit;
    int[] seq = new int[B * width];
    for (int b = 0; b < B; b++) {
      System.arraycopy(TaskBatches.decoderOnlyPrompt(sources.get(b)), 0, seq, b * width, P);
    }
    int V = model.config().vocabSize();
    int[] length = new int[B];
    boolean[] done = new boolean[B];
    for (int t = P; t < width && !allTrue(done); t++) {
      int[] in = new int[B * t];
      for (int b = 0; b < B; b++) {
        System.arraycopy(seq, b * width, in, b * t, t);
      }
      float[] logits = model.logits(in, B, t); // (B, t, V)
      for (int b = 0; b < B; b++) {
        int next = argmax(logits, (b * t + t - 1) * V, V);
        seq[b * width + t] = next;
        done[b] |= next == TaskVocabulary.END;
        length[b] += done[b] ? 0 : 1;
      }
    }
    int[][] out = new int[B][];
    for (int b = 0; b < B; b++) {
      out[b] = Arrays.copyOfRange(seq, b * width + P, b * width + P + length[b]);
    }
    return out;
  }

  private static boolean allTrue(boolean[] flags) {
    for (boolean f : flags) {
      if (!f) {
        return false;
      }
    }
    return true;
  }

  private static int argmax(float[] data, int offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (data[offset + i] > data[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
