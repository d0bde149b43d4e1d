package org.tinyformer.cli;

import java.util.concurrent.Callable;
import org.tinyformer.kernels.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tinyformer selfcheck}: the JDK, the vector width and the cores this JVM sees. */
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
    return 0;
  }
}
