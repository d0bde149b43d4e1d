package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tinyformer.models.gpt.GptTest.randomIds;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.nn.KvCache;

/**
 * The lean decoder's two weight paths: packed panels (models up to ~32M parameters) and the
 * parameters read in place (larger models), reached here by lowering the threshold.
 */
class GptDecoderTest {
  private static final int V = 11;
  private static final GptConfig TINY = GptConfig.gpt2(V, 16, 2, 2, 16, 0f);

  @Test
  void packsWeightsUpToTheThresholdOnly() {
    Gpt gpt = new Gpt(TINY, new Rng(1));
    long n = gpt.parameterCount();
    assertThat(new GptDecoder(gpt, 1).packsWeights()).isTrue();
    assertThat(new GptDecoder(gpt, 1, n).packsWeights()).isTrue();
    assertThat(new GptDecoder(gpt, 1, n - 1).packsWeights()).isFalse();
  }

  @Test
  void unpackedDecoderGivesTheLogitsOfThePackedOneAndTheFullForward() {
    for (GptConfig c : List.of(TINY, TINY.modern())) {
      Gpt gpt = withRandomBiases(new Gpt(c, new Rng(30)), new Rng(34));
      gpt.setTraining(false);
      int B = 2;
      int T = 16;
      int[] ids = randomIds(new Rng(31), B * T, V);
      float[] full = gpt.logits(ids, B, T); // (B, T, V)
      GptDecoder packed = new GptDecoder(gpt, B, Long.MAX_VALUE);
      GptDecoder unpacked = new GptDecoder(gpt, B, 0);
      assertThat(unpacked.packsWeights()).isFalse();
      KvCache packedCache = gpt.newCache(B);
      KvCache unpackedCache = gpt.newCache(B);
      int t0 = 0;
      for (int n : new int[] {5, 1, 3, 1, 6}) { // rows B * n: GEMM (> 4 rows) and dot products
        int[] part = chunk(ids, B, T, t0, n); // (B, n)
        float[] a = unpacked.decode(part, B, n, unpackedCache, false); // (B, n, V)
        float[] b = packed.decode(part, B, n, packedCache, false); // (B, n, V)
        for (int r = 0; r < B; r++) {
          for (int t = 0; t < n; t++) {
            for (int v = 0; v < V; v++) {
              int i = (r * n + t) * V + v;
              String at = String.format("%s b %d t %d v %d", c.positions(), r, t0 + t, v);
              assertThat(a[i]).as(at).isCloseTo(b[i], within(2e-5f));
              assertThat(a[i]).as(at).isCloseTo(full[(r * T + t0 + t) * V + v], within(2e-5f));
            }
          }
        }
        t0 += n;
      }
    }
  }

  @Test
  void unpackedDecoderGivesTheLastPositionOfTheFullForward() {
    Gpt gpt = withRandomBiases(new Gpt(TINY, new Rng(32)), new Rng(35));
    gpt.setTraining(false);
    int[] ids = randomIds(new Rng(33), 9, V);
    float[] full = gpt.logits(ids, 1, 9); // (1, 9, V)
    float[] last = new GptDecoder(gpt, 1, 0).decode(ids, 1, 9, gpt.newCache(1), true); // (1, V)
    for (int v = 0; v < V; v++) {
      assertThat(last[v]).isCloseTo(full[8 * V + v], within(2e-5f));
    }
  }

  /** GPT-2 initialises biases to zero, which would hide a path that drops them. */
  private static Gpt withRandomBiases(Gpt gpt, Rng rng) {
    gpt.namedParameters()
        .forEach(
            (name, p) -> {
              if (name.endsWith("bias")) {
                float[] b = p.data();
                for (int i = 0; i < b.length; i++) {
                  b[i] = (float) (0.1 * rng.nextGaussian());
                }
              }
            });
    return gpt;
  }

  /** Positions [t0, t0 + n) of every row of ids (B, T), as (B, n). */
  private static int[] chunk(int[] ids, int B, int T, int t0, int n) {
    int[] part = new int[B * n]; // (B, n)
    for (int b = 0; b < B; b++) {
      System.arraycopy(ids, b * T + t0, part, b * n, n);
    }
    return part;
  }
}
