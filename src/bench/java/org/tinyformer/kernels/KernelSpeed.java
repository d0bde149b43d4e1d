package org.tinyformer.kernels;

import org.tinyformer.base.Rng;
import org.tinyformer.kernels.attention.AttentionSpeed;
import org.tinyformer.kernels.elementwise.ElementwiseSpeed;
import org.tinyformer.kernels.norms.NormsSpeed;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * A timing main (not a test): best-of-runs times of the plain twin vs Vector API loop on one thread
 * vs the full kernel (vector, parallel), in milliseconds, and speedups. Run after {@code mvn
 * test-compile}: {@code java --add-modules jdk.incubator.vector -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) org.tinyformer.kernels.KernelSpeed}
 * (cp.txt from dependency:build-classpath).
 */
public final class KernelSpeed {
  private KernelSpeed() {}

  public static void main(String[] args) {
    System.out.printf(
        "# java %s, %s, %d threads%n", Runtime.version(), Simd.describe(), Parallel.threads());
    System.out.println(
        "kernel shape plain_ms vector1t_ms kernel_ms vector1t_speedup kernel_speedup");
    Rng rng = new Rng(1);
    ElementwiseSpeed.run(rng);
    NormsSpeed.run(rng);
    AttentionSpeed.run(rng);
  }
}
