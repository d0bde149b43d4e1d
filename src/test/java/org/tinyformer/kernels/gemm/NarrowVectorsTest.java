package org.tinyformer.kernels.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The AVX2 path on whatever machine runs the tests: a child JVM limited to 256-bit vectors and 16
 * vector registers ({@code -XX:UseAVX=2 -XX:MaxVectorSize=32}, ignored where unknown) runs {@link
 * NarrowVectorsProbe}, the fast kernels against their plain twins with the per-species shapes.
 */
class NarrowVectorsTest {
  @Test
  void kernelsMatchTheirPlainTwinsWith256BitVectors() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:UseAVX=2",
            "-XX:MaxVectorSize=32",
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            NarrowVectorsProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("child printed: %s", text).isZero();
    int lanes = Math.min(8, FloatVector.SPECIES_PREFERRED.length());
    assertThat(text).contains("float lanes " + lanes).contains("ok");
  }
}
