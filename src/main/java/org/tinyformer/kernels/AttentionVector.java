package org.tinyformer.kernels;

/** Fast (batch, head) loops of {@link AttentionKernel}; for now the plain loops. */
final class AttentionVector {
  private AttentionVector() {}

  static void forward(AttentionHeads a, float[] out, float[] att, int p0, int p1) {
    AttentionPlain.forward(a, out, att, p0, p1);
  }

  static void backward(
      AttentionHeads a,
      float[] dq,
      float[] dk,
      float[] dv,
      float[] dout,
      float[] att,
      int p0,
      int p1) {
    AttentionPlain.backward(a, dq, dk, dv, dout, att, p0, p1);
  }
}
