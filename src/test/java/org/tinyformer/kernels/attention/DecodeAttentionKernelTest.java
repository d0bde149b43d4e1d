package org.tinyformer.kernels.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class DecodeAttentionKernelTest {
  private static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  @Test
  void vectorPathGivesTheSameBitsAsThePlainTwin() {
    Rng rng = new Rng(3);
    for (int HS : new int[] {1, 2, 16, 17, 32, 64}) {
      for (int S : new int[] {1, 5, 16, 17, 63, 64, 65, 130}) {
        int stride = S + 3;
        float[] q = random(rng, 2 + HS);
        float[] keys = random(rng, 1 + HS * stride);
        float[] expected = new float[1 + S];
        float[] actual = new float[1 + S];
        DecodeAttentionPlain.scores(expected, 1, q, 2, keys, 1, stride, HS, S, 0.25f);
        DecodeAttentionKernel.scores(actual, 1, q, 2, keys, 1, stride, HS, S, 0.25f);
        assertThat(actual).as("scores HS %d S %d", HS, S).isEqualTo(expected);

        float[] w = random(rng, S);
        float[] values = random(rng, 3 + S * HS);
        float[] sumExpected = new float[HS + 1];
        float[] sumActual = new float[HS + 1];
        DecodeAttentionPlain.weightedSum(sumExpected, 1, w, 0, values, 3, HS, S);
        DecodeAttentionKernel.weightedSum(sumActual, 1, w, 0, values, 3, HS, S);
        assertThat(sumActual).as("weighted sum HS %d S %d", HS, S).isEqualTo(sumExpected);
      }
    }
  }

  @Test
  void plainTwinIsTheDefinition() {
    // q (2) = [1, 2]; keys (HS 2, stride 3) hold k_0 = [1, 4], k_1 = [2, 5], k_2 = [3, 6]
    float[] keys = {1, 2, 3, 4, 5, 6};
    float[] scores = new float[3];
    DecodeAttentionKernel.scores(scores, 0, new float[] {1, 2}, 0, keys, 0, 3, 2, 3, 0.5f);
    assertThat(scores).containsExactly(4.5f, 6f, 7.5f);
    float[] out = new float[2];
    // values (S 3, HS 2) = [[1, 2], [3, 4], [5, 6]], weights [0.5, 0.25, 0.25]
    float[] values = {1, 2, 3, 4, 5, 6};
    DecodeAttentionKernel.weightedSum(out, 0, new float[] {0.5f, 0.25f, 0.25f}, 0, values, 0, 2, 3);
    assertThat(out[0]).isCloseTo(2.5f, within(1e-6f));
    assertThat(out[1]).isCloseTo(3.5f, within(1e-6f));
  }

  @Test
  void rejectsKeysShorterThanTheStrideSays() {
    assertThatThrownBy(
            () ->
                DecodeAttentionKernel.scores(
                    new float[4], 0, new float[2], 0, new float[6], 0, 4, 2, 4, 1f))
        .hasMessage("decodeAttention.scores: keys needs 8 floats from offset 0, array has 6");
  }
}
