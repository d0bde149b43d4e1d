package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API path of {@link PanelGemvBf16Kernel}: per input row, a panel is read as groups of four
 * vectors of L shorts, each widened to L floats (sign-extend to int, shift left 16, reinterpret),
 * with one FMA accumulator per vector. Vectors never cross a method call (the JIT would box them),
 * so the widening is written out at each load.
 */
final class PanelGemvBf16Vector {
  private PanelGemvBf16Vector() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Short> H =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, S.vectorBitSize() / 2)));
  private static final int GROUP = 4 * L;

  /** Whether the shapes line up: L floats, L ints and L shorts, whole groups per panel. */
  static boolean fits() {
    return I.length() == L && H.length() == L && PanelGemvKernel.PANEL % GROUP == 0;
  }

  /** Columns from nStart (a multiple of the panel width) to nEnd of out (M, N); then + bias. */
  static void forward(
      float[] out,
      float[] inp,
      short[] packed,
      float[] bias,
      int M,
      int K,
      int N,
      int nStart,
      int nEnd) {
    int P = PanelGemvKernel.PANEL;
    for (int m = 0; m < M; m++) {
      for (int n0 = nStart; n0 < nEnd; n0 += GROUP) {
        int w0 = n0 / P * K * P + n0 % P;
        int x = m * K;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int k = 0, i = w0; k < K; k++, i += P) {
          FloatVector u = FloatVector.broadcast(S, inp[x + k]);
          FloatVector w0v =
              ((IntVector)
                      ShortVector.fromArray(H, packed, i).convertShape(VectorOperators.S2I, I, 0))
                  .lanewise(VectorOperators.LSHL, 16)
                  .reinterpretAsFloats();
          FloatVector w1v =
              ((IntVector)
                      ShortVector.fromArray(H, packed, i + L)
                          .convertShape(VectorOperators.S2I, I, 0))
                  .lanewise(VectorOperators.LSHL, 16)
                  .reinterpretAsFloats();
          FloatVector w2v =
              ((IntVector)
                      ShortVector.fromArray(H, packed, i + 2 * L)
                          .convertShape(VectorOperators.S2I, I, 0))
                  .lanewise(VectorOperators.LSHL, 16)
                  .reinterpretAsFloats();
          FloatVector w3v =
              ((IntVector)
                      ShortVector.fromArray(H, packed, i + 3 * L)
                          .convertShape(VectorOperators.S2I, I, 0))
                  .lanewise(VectorOperators.LSHL, 16)
                  .reinterpretAsFloats();
          a0 = u.fma(w0v, a0);
          a1 = u.fma(w1v, a1);
          a2 = u.fma(w2v, a2);
          a3 = u.fma(w3v, a3);
        }
        int count = Math.min(GROUP, nEnd - n0); // a partial last group is stored with lane masks
        int d = m * N + n0;
        a0.intoArray(out, d, S.indexInRange(0, count));
        a1.intoArray(out, d + L, S.indexInRange(L, count));
        a2.intoArray(out, d + 2 * L, S.indexInRange(2 * L, count));
        a3.intoArray(out, d + 3 * L, S.indexInRange(3 * L, count));
      }
    }
    if (bias != null) { // after the sums, as the plain twin does: sum + bias
      for (int m = 0; m < M; m++) {
        for (int n = nStart; n < nEnd; n++) {
          out[m * N + n] += bias[n];
        }
      }
    }
  }
}
