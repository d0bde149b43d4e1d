package org.tinyformer.models.gpt;

import static org.tinyformer.kernels.runtime.VectorMath.GELU_C;
import static org.tinyformer.kernels.runtime.VectorMath.GELU_K;
import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.elementwise.GeluPlain;
import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * GELU for {@link GptDecoder} on the calling thread, with the bits of {@link GeluKernel#forward}:
 * the same vector operations (tanh through {@link VectorMath#tanh}) over whole vectors and {@link
 * GeluPlain}'s formula for the scalar tail, which {@code GeluKernel} also leaves to the last
 * elements whatever its split. Why the decoder does not call {@code GeluKernel.forward}: inlined
 * into the decoder's block through {@code Work.elements}, {@code Parallel.forRange} and two
 * lambdas, C2 ran out of inlining budget inside the tanh chain and boxed its vectors in the steady
 * state (87 KB allocated per token at config 1, JFR). With two vectors per step and its argument
 * checks this method is above C2's FreqInlineSize (325 bytecodes), so it compiles as a unit of its
 * own, whose budget holds two tanh chains (four did not: the last three boxed). Without the Vector
 * API it is {@link GeluPlain}. {@code DecodeGeluTest} checks the bits against both.
 */
final class DecodeGelu {
  private DecodeGelu() {}

  private static final float K = (float) Math.sqrt(2.0 / Math.PI);
  private static final float C = 0.044715f;

  /** out (N) = gelu(inp (N)); out may be inp. */
  static void forward(float[] out, float[] inp, int N) {
    KernelArgs.allFloats("decodeGelu", new int[] {N}, "out", out, "inp", inp);
    if (!Simd.AVAILABLE) {
      GeluPlain.forward(out, inp, N);
      return;
    }
    int i = 0;
    for (int ub = N - 2 * L; i <= ub; i += 2 * L) { // two independent tanh chains in flight
      FloatVector x0 = FloatVector.fromArray(S, inp, i);
      FloatVector x1 = FloatVector.fromArray(S, inp, i + L);
      FloatVector t0 = VectorMath.tanh(x0.mul(x0).mul(x0).mul(GELU_C).add(x0).mul(GELU_K));
      FloatVector t1 = VectorMath.tanh(x1.mul(x1).mul(x1).mul(GELU_C).add(x1).mul(GELU_K));
      x0.mul(0.5f).mul(t0.add(1f)).intoArray(out, i);
      x1.mul(0.5f).mul(t1.add(1f)).intoArray(out, i + L);
    }
    for (int ub = S.loopBound(N); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, inp, i);
      FloatVector t = VectorMath.tanh(x.mul(x).mul(x).mul(GELU_C).add(x).mul(GELU_K));
      x.mul(0.5f).mul(t.add(1f)).intoArray(out, i);
    }
    for (; i < N; i++) { // GeluPlain's expression, float by float
      float x = inp[i];
      out[i] = 0.5f * x * (1f + (float) Math.tanh(K * (x + C * x * x * x)));
    }
  }
}
