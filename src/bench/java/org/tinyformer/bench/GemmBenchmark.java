package org.tinyformer.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.gemm.GemmKernel;

/**
 * JMH benchmark of {@link GemmKernel} in all three layouts on the model's shapes (M x K) @ (K x N);
 * GFLOP/s = 2 M K N / time. Run (JDK 25 recommended):
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.openjdk.jmh.Main GemmBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBenchmark {
  /** M x K x N: attention/MLP projections, their backward shapes, and the LM head (N = 65). */
  @Param({"4096x384x1536", "4096x1536x384", "1024x192x768", "768x128x384", "4096x384x65"})
  public String shape;

  @Param({"NN", "TN", "NT"})
  public GemmKernel.Layout layout;

  private int M;
  private int K;
  private int N;
  private float[] a;
  private float[] b;
  private float[] c;

  @Setup(Level.Trial)
  public void setUp() {
    String[] mkn = shape.split("x");
    M = Integer.parseInt(mkn[0]);
    K = Integer.parseInt(mkn[1]);
    N = Integer.parseInt(mkn[2]);
    Rng rng = new Rng(42);
    a = random(rng, M * K); // (M, K), or (K, M) for TN
    b = random(rng, K * N); // (K, N), or (N, K) for NT
    c = new float[M * N]; // (M, N)
  }

  @Benchmark
  public float[] matmul() {
    GemmKernel.matmul(layout, c, 0, a, 0, b, 0, M, K, N, false);
    return c;
  }

  private static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextFloat() - 0.5f;
    }
    return x;
  }
}
