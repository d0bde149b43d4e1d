package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.KernelArgs;

class EmbeddingKernelTest {
  private final Rng rng = new Rng(18);

  @Test
  void forwardAddsTokenAndPositionRows() {
    int B = 2, T = 3, C = 5, V = 7;
    int[] ids = {1, 6, 1, 0, 0, 3};
    float[] wte = randn(rng, V * C, 1f), wpe = randn(rng, 4 * C, 1f), out = new float[B * T * C];
    EmbeddingKernel.forward(out, ids, wte, wpe, B, T, C);
    for (int r = 0; r < B * T; r++) {
      for (int i = 0; i < C; i++) {
        assertThat(out[r * C + i]).isEqualTo(wte[ids[r] * C + i] + wpe[(r % T) * C + i]);
      }
    }
    EmbeddingKernel.forward(out, ids, wte, null, B, T, C);
    assertThat(out[5 * C + 2]).isEqualTo(wte[3 * C + 2]);
  }

  @Test
  void backwardAccumulatesRepeatedIdsOverAShapeGrid() {
    for (int[] s : new int[][] {{1, 1, 1, 1}, {2, 3, 5, 7}, {4, 64, 100, 65}, {8, 64, 768, 50}}) {
      int B = s[0], T = s[1], C = s[2], V = s[3];
      int[] ids = new int[B * T];
      for (int r = 0; r < ids.length; r++) {
        ids[r] = rng.nextInt(V);
      }
      float[] dout = randn(rng, B * T * C, 1f);
      float[] dwte = randn(rng, V * C, 1f), dwpe = randn(rng, T * C, 1f);
      float[] dwteRef = dwte.clone(), dwpeRef = dwpe.clone();
      EmbeddingKernel.backward(dwte, dwpe, dout, ids, B, T, C);
      for (int r = 0; r < B * T; r++) {
        for (int i = 0; i < C; i++) {
          dwteRef[ids[r] * C + i] += dout[r * C + i];
          dwpeRef[(r % T) * C + i] += dout[r * C + i];
        }
      }
      assertClose("dwte " + KernelArgs.dims(s), dwte, dwteRef, 1e-6);
      assertClose("dwpe " + KernelArgs.dims(s), dwpe, dwpeRef, 1e-6);
    }
  }

  @Test
  void rejectsIdsOutsideTheTableAndTooLongSequences() {
    float[] wte = new float[65 * 4], out = new float[8];
    assertThatThrownBy(() -> EmbeddingKernel.forward(out, new int[] {3, 65}, wte, null, 1, 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedding: token id 65 at position 1 is outside [0, 65)");
    assertThatThrownBy(
            () -> EmbeddingKernel.forward(out, new int[] {3, 4}, wte, new float[4], 1, 2, 4))
        .hasMessage("embedding: position table has 1 rows of C = 4, sequence needs T = 2");
  }
}
