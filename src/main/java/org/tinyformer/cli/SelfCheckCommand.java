package org.tinyformer.cli;

import java.util.concurrent.Callable;
import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.gemm.GemmSpeed;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tinyformer selfcheck}: the JDK, the vector width, the cores this JVM sees, GEMM speed. */
@Command(
    name = "selfcheck",
    description = "Print the JDK, vector width, cores and a GEMM speed figure.")
final class SelfCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.printf("jdk      %s (%s)%n", Runtime.version(), System.getProperty("java.home"));
    out.printf("vectors  %s%n", Simd.describe());
    out.printf("cores    %d%n", Runtime.getRuntime().availableProcessors());
    double gflops = GemmSpeed.medianGflops(GemmKernel.Layout.NN, 1024, 384, 1536, 0.3, 5);
    out.printf(
        "gemm     %.1f GFLOP/s (1024x384 @ 384x1536, median, %d threads)%n",
        gflops, Parallel.threads());
    return 0;
  }
}
