package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Vector API path of {@link GemvKernel}: four weight rows at a time share each load of the input
 * row, each with its own FMA accumulator, reduced once at the end; scalar tails.
 */
final class GemvVector {
  private GemvVector() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  static void forward(
      float[] out,
      int outOff,
      float[] inp,
      int inpOff,
      float[] weight,
      int weightOff,
      float[] bias,
      int M,
      int K,
      int N) {
    int kb = S.loopBound(K);
    for (int m = 0; m < M; m++) {
      int x = inpOff + m * K;
      int o = outOff + m * N;
      int n = 0;
      for (; n + 4 <= N; n += 4) {
        four(out, o + n, inp, x, weight, weightOff + n * K, K, kb);
      }
      for (; n < N; n++) {
        out[o + n] = dot(inp, x, weight, weightOff + n * K, K, kb);
      }
      if (bias != null) {
        for (int j = 0; j < N; j++) {
          out[o + j] += bias[j];
        }
      }
    }
  }

  /** out[o .. o+4) = dot products of inp[x ..] with weight rows w, w + K, w + 2K, w + 3K. */
  private static void four(
      float[] out, int o, float[] inp, int x, float[] w, int w0, int K, int kb) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    int k = 0;
    for (; k < kb; k += S.length()) {
      FloatVector v = FloatVector.fromArray(S, inp, x + k);
      a0 = v.fma(FloatVector.fromArray(S, w, w0 + k), a0);
      a1 = v.fma(FloatVector.fromArray(S, w, w0 + K + k), a1);
      a2 = v.fma(FloatVector.fromArray(S, w, w0 + 2 * K + k), a2);
      a3 = v.fma(FloatVector.fromArray(S, w, w0 + 3 * K + k), a3);
    }
    float s0 = VectorMath.sumLanes(a0);
    float s1 = VectorMath.sumLanes(a1);
    float s2 = VectorMath.sumLanes(a2);
    float s3 = VectorMath.sumLanes(a3);
    for (; k < K; k++) {
      float v = inp[x + k];
      s0 += v * w[w0 + k];
      s1 += v * w[w0 + K + k];
      s2 += v * w[w0 + 2 * K + k];
      s3 += v * w[w0 + 3 * K + k];
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
  }

  private static float dot(float[] inp, int x, float[] w, int w0, int K, int kb) {
    FloatVector acc = FloatVector.zero(S);
    int k = 0;
    for (; k < kb; k += S.length()) {
      acc = FloatVector.fromArray(S, inp, x + k).fma(FloatVector.fromArray(S, w, w0 + k), acc);
    }
    float s = VectorMath.sumLanes(acc);
    for (; k < K; k++) {
      s += inp[x + k] * w[w0 + k];
    }
    return s;
  }
}
