package org.tinyformer.training;

import java.util.List;
import java.util.Locale;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.models.TrainableModel;

/**
 * How closely an encoder-decoder's cross-attention follows the alignment its task implies: output i
 * reads input i for copy (the diagonal), input n-1-i for reverse (the anti-diagonal), input i mod n
 * for duplicate. The mass of a layer is the weight, averaged over heads, output positions and
 * examples, on the expected input (teacher-forced on the true targets). Sort and add have none.
 * {@code double[] perLayer = CrossAttentionAlignment.massPerLayer(model, data, kind, examples,
 * 64);}
 */
public final class CrossAttentionAlignment {
  private CrossAttentionAlignment() {}

  /** Whether {@code kind} has an alignment pattern to measure. */
  public static boolean hasPattern(TaskKind kind) {
    return kind == TaskKind.COPY || kind == TaskKind.REVERSE || kind == TaskKind.DUPLICATE;
  }

  /** The name of the pattern, e.g. {@code anti-diagonal}. */
  public static String patternName(TaskKind kind) {
    return switch (kind) {
      case COPY -> "diagonal";
      case REVERSE -> "anti-diagonal";
      case DUPLICATE -> "diagonal, twice";
      default ->
          throw new IllegalArgumentException(
              "attention alignment: " + kind.label() + " has no pattern");
    };
  }

  /** The input position output {@code i} should read for a source of length {@code n}. */
  static int expectedKey(TaskKind kind, int i, int n) {
    return switch (kind) {
      case COPY -> i;
      case REVERSE -> n - 1 - i;
      case DUPLICATE -> i % n;
      default ->
          throw new IllegalArgumentException(
              "attention alignment: " + kind.label() + " has no pattern");
    };
  }

  /** The mean mass on the pattern of every decoder layer's cross-attention, layer 0 first. */
  public static double[] massPerLayer(
      TrainableModel model,
      TaskData data,
      TaskKind kind,
      List<TaskExample> examples,
      int batchSize) {
    double[] sum = null;
    for (int i = 0; i < examples.size(); i += batchSize) {
      List<TaskExample> chunk = examples.subList(i, Math.min(examples.size(), i + batchSize));
      RecordedAttention r = model.recordAttention(data.batch(chunk));
      int L = r.numLayers(AttentionKind.CROSS);
      sum = sum == null ? new double[L] : sum;
      for (int l = 0; l < L; l++) {
        AttentionWeights w = r.get(AttentionKind.CROSS, l);
        for (int row = 0; row < chunk.size(); row++) {
          TaskExample e = chunk.get(row);
          sum[l] += mass(w.meanOfHeads(row), kind, e.source().length, e.target().length);
        }
      }
    }
    for (int l = 0; l < sum.length; l++) {
      sum[l] /= examples.size();
    }
    return sum;
  }

  /**
   * Mean weight on the expected input over the first {@code outputs} rows of one example's (Tq, Tk)
   * cross-attention {@code w}, for a source of {@code n} tokens; rows beyond the task's target
   * length (a wrong, too long prediction) are not counted.
   */
  public static double mass(float[][] w, TaskKind kind, int n, int outputs) {
    int rows = Math.min(Math.min(outputs, w.length), kind == TaskKind.DUPLICATE ? 2 * n : n);
    if (rows == 0) {
      return 0;
    }
    double total = 0;
    for (int i = 0; i < rows; i++) {
      total += w[i][expectedKey(kind, i, n)];
    }
    return total / rows;
  }

  /**
   * E.g. {@code cross-attention on the anti-diagonal (mean of heads): layer 0 0.41, layer 1 0.93}.
   */
  public static String describe(TaskKind kind, double[] perLayer, int count) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "cross-attention mass on the %s (mean of heads, %d examples):",
                patternName(kind),
                count));
    for (int l = 0; l < perLayer.length; l++) {
      s.append(String.format(Locale.ROOT, " layer %d %.3f", l, perLayer[l]));
    }
    return s.toString();
  }
}
