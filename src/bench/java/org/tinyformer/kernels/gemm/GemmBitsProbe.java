package org.tinyformer.kernels.gemm;

import java.util.Arrays;
import org.tinyformer.kernels.runtime.Simd;

/**
 * Prints a hash of the bits of 42 GEMM products (7 shapes x 3 layouts x one and all threads) on the
 * vector path, then their combined hash: run it before and after a change to a kernel, tile or
 * blocking (and with {@code -XX:UseAVX=2} for the 256-bit species) to show that the results kept
 * their bits. Also says whether one thread and all threads agree. Usage: {@code java --add-modules
 * jdk.incubator.vector -cp target/test-classes:target/classes
 * org.tinyformer.kernels.gemm.GemmBitsProbe}.
 */
final class GemmBitsProbe {
  private GemmBitsProbe() {}

  /** M x K x N: the benchmark's shapes and edge cases (rows, columns, depth past the blocks). */
  private static final int[][] SHAPES = {
    {768, 128, 384},
    {1024, 192, 768},
    {4096, 384, 65},
    {100, 1000, 70},
    {37, 600, 129},
    {13, 520, 7},
    {250, 1536, 200}
  };

  public static void main(String[] args) {
    System.out.println("# " + Simd.describe());
    long all = 17;
    boolean threadsAgree = true;
    for (int[] s : SHAPES) {
      for (GemmKernel.Layout layout : GemmKernel.Layout.values()) {
        int[] hashes = new int[2];
        for (int t = 0; t < 2; t++) {
          int M = s[0];
          int K = s[1];
          int N = s[2];
          float[] a = pattern(M * K, 1);
          float[] b = pattern(K * N, 2);
          float[] c = pattern(M * N, 3);
          GemmKernel.run(layout, true, t == 1, c, 0, a, 0, b, 0, M, K, N, (M + N) % 2 == 0);
          hashes[t] = Arrays.hashCode(c);
          all = all * 31 + hashes[t];
        }
        threadsAgree &= hashes[0] == hashes[1];
        System.out.printf(
            "%dx%dx%d %s 1t %08x nt %08x%n",
            s[0], s[1], s[2], layout.label(), hashes[0], hashes[1]);
      }
    }
    System.out.printf("all %016x threads agree %b%n", all, threadsAgree);
  }

  private static float[] pattern(int n, int salt) {
    float[] x = new float[n];
    long state = 0x9E3779B97F4A7C15L * salt;
    for (int i = 0; i < n; i++) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      x[i] = (float) ((state >>> 40) / (double) (1L << 24)) - 0.5f;
    }
    return x;
  }
}
