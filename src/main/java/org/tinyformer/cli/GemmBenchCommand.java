package org.tinyformer.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.gemm.GemmSpeed;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer gemm-bench 4096x384x1536 ...} (hidden): median GFLOP/s of GemmKernel per shape
 * and layout, one {@code MxKxN layout gflops} line each; the Java side of
 * scripts/bench/gemm-compare.sh.
 */
@Command(
    name = "gemm-bench",
    hidden = true,
    description = "Print GemmKernel's median GFLOP/s for shapes MxKxN in all three layouts.")
final class GemmBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "1", description = "Timed seconds per case.")
  double seconds;

  @Option(
      names = "--single-thread",
      description = "One thread, timed by its CPU time (steadier on a busy machine).")
  boolean singleThread;

  @Parameters(arity = "1..*", paramLabel = "MxKxN", description = "Shapes, e.g. 4096x384x1536.")
  List<String> shapes;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.printf(
        "# tinyformer jdk %s, %s, %s%n",
        Runtime.version(),
        Simd.describe(),
        singleThread ? "1 thread, thread CPU time" : Parallel.threads() + " threads, wall time");
    for (String shape : shapes) {
      int[] mkn = parse(shape);
      for (GemmKernel.Layout layout : GemmKernel.Layout.values()) {
        double gflops =
            GemmSpeed.medianGflops(layout, mkn[0], mkn[1], mkn[2], seconds, 5, singleThread);
        out.printf("%s %s %.1f%n", shape, layout.label(), gflops);
        out.flush();
      }
    }
    return 0;
  }

  private static int[] parse(String shape) {
    String[] parts = shape.split("x");
    try {
      if (parts.length == 3) {
        int[] mkn = {
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])
        };
        if (mkn[0] > 0 && mkn[1] > 0 && mkn[2] > 0) {
          return mkn;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "gemm-bench: expected a shape like 4096x384x1536, got " + shape);
  }
}
