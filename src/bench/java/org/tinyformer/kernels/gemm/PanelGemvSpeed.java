package org.tinyformer.kernels.gemm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.tinyformer.base.Rng;

/**
 * GFLOP/s of the decode products on the calling thread (a developer probe, not a test): the four
 * Linear shapes of a config-1 block (qkv, attn.proj, fc, mlp.proj at C = 128), with {@code layers}
 * copies of each so the weights stream from where a real decode finds them (4 layers: 3 MB, past
 * L2). CPU time of the thread after a warm-up. Usage: {@code java -cp ...
 * org.tinyformer.kernels.gemm.PanelGemvSpeed [rows...]}.
 */
public final class PanelGemvSpeed {
  private PanelGemvSpeed() {}

  public static void main(String[] args) {
    int C = 128;
    int layers = 4;
    int[][] shapes = {{C, 3 * C}, {C, C}, {C, 4 * C}, {4 * C, C}}; // (K, N)
    Rng rng = new Rng(1);
    float[][][] packed = new float[layers][shapes.length][];
    for (int l = 0; l < layers; l++) {
      for (int s = 0; s < shapes.length; s++) {
        int K = shapes[s][0];
        int N = shapes[s][1];
        float[] w = new float[N * K];
        for (int i = 0; i < w.length; i++) {
          w[i] = rng.nextFloat() - 0.5f;
        }
        packed[l][s] = new float[PanelGemvKernel.packedSize(N, K)];
        PanelGemvKernel.pack(packed[l][s], w, N, K);
      }
    }
    int[] rowsList = args.length == 0 ? new int[] {1, 4, 32} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      rowsList[i] = Integer.parseInt(args[i]);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    float[] inp = new float[64 * 4 * C];
    float[] out = new float[64 * 4 * C];
    for (int i = 0; i < inp.length; i++) {
      inp[i] = rng.nextFloat();
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int M : rowsList) {
        long flops = 0;
        int reps = Math.max(200, 40_000 / M);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          for (int l = 0; l < layers; l++) {
            for (int s = 0; s < shapes.length; s++) {
              int K = shapes[s][0];
              int N = shapes[s][1];
              PanelGemvKernel.forward(out, inp, packed[l][s], null, M, K, N, false);
              flops += 2L * M * K * N;
            }
          }
        }
        long ns = mx.getCurrentThreadCpuTime() - t0;
        if (pass == 1) {
          System.out.printf(
              Locale.ROOT,
              "M=%d: %.1f GFLOP/s, %.1f us per pass over the %d layers%n",
              M,
              flops / (double) ns,
              ns / 1e3 / reps,
              layers);
        }
      }
    }
  }
}
