package org.tinyformer.tensor.bench;

import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Reduction;
import org.tinyformer.tensor.Tensor;

/**
 * A GPT-2 style training step composed on the tensor API, timed (not a test): {@code java -cp
 * target/classes:target/test-classes --add-modules jdk.incubator.vector
 * org.tinyformer.tensor.bench.BlockBench [B T C NH L V steps]}. Prints the median forward and
 * backward time.
 */
public final class BlockBench {
  private BlockBench() {}

  public static void main(String[] args) {
    int[] p = {16, 64, 192, 6, 4, 65, 20};
    for (int i = 0; i < args.length; i++) {
      p[i] = Integer.parseInt(args[i]);
    }
    int B = p[0], T = p[1], C = p[2], NH = p[3], L = p[4], V = p[5], steps = p[6];
    Rng rng = new Rng(1);
    Tensor wte = param(rng, V, C);
    Tensor wpe = param(rng, T, C);
    Tensor[][] w = new Tensor[L][];
    for (int l = 0; l < L; l++) {
      w[l] =
          new Tensor[] {
            ones(C), zeros(C), param(rng, 3 * C, C), zeros(3 * C), param(rng, C, C), zeros(C),
            ones(C), zeros(C), param(rng, 4 * C, C), zeros(4 * C), param(rng, C, 4 * C), zeros(C)
          };
    }
    Tensor lnf = ones(C);
    int[] ids = new int[B * T];
    int[] targets = new int[B * T];
    int[] pos = new int[B * T];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rng.nextInt(V);
      targets[i] = rng.nextInt(V);
      pos[i] = i % T;
    }
    long[] fwd = new long[steps];
    long[] bwd = new long[steps];
    for (int s = 0; s < steps; s++) {
      long t0 = System.nanoTime();
      Tensor x = Functional.embedding(wte, ids, B, T).add(Functional.embedding(wpe, pos, B, T));
      for (int l = 0; l < L; l++) {
        Tensor[] q = w[l];
        Tensor h = Functional.layerNorm(x, q[0], q[1], 1e-5f); // (B, T, C)
        Tensor qkv = Functional.linear(h, q[2], q[3]); // (B, T, 3C)
        Tensor y = Functional.causalSelfAttention(qkv, NH, null); // (B, T, C)
        x = x.add(Functional.linear(y, q[4], q[5])); // (B, T, C)
        h = Functional.layerNorm(x, q[6], q[7], 1e-5f); // (B, T, C)
        Tensor m = Functional.linear(h, q[8], q[9]).gelu(); // (B, T, 4C)
        x = x.add(Functional.linear(m, q[10], q[11])); // (B, T, C)
      }
      Tensor logits = Functional.linear(Functional.layerNorm(x, lnf, null, 1e-5f), wte, null);
      Tensor loss = Functional.crossEntropy(logits, targets, -1, Reduction.MEAN);
      long t1 = System.nanoTime();
      loss.backward();
      long t2 = System.nanoTime();
      fwd[s] = t1 - t0;
      bwd[s] = t2 - t1;
      if (s == 0) {
        System.out.printf("loss %.4f%n", loss.item());
      }
    }
    java.util.Arrays.sort(fwd);
    java.util.Arrays.sort(bwd);
    System.out.printf(
        "B=%d T=%d C=%d NH=%d L=%d V=%d: forward %.1f ms, backward %.1f ms (medians of %d)%n",
        B, T, C, NH, L, V, fwd[steps / 2] / 1e6, bwd[steps / 2] / 1e6, steps);
  }

  private static Tensor param(Rng rng, int... dims) {
    return Tensor.randn(rng, 0.02f, dims).requiresGrad(true);
  }

  private static Tensor ones(int n) {
    return Tensor.ones(n).requiresGrad(true);
  }

  private static Tensor zeros(int n) {
    return Tensor.zeros(n).requiresGrad(true);
  }
}
