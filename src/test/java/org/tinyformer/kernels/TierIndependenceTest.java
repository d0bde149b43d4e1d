package org.tinyformer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * The kernels give the same bits in the interpreter, in C1 and warmed up in C2: a child JVM runs
 * {@link TierProbe} with {@code -Xint} and another with C1 only, and their output hashes must equal
 * those of this JVM after a long warm-up (so a resumed run in a fresh JVM continues exactly).
 * Likewise with 1 and 3 kernel threads, on inputs large enough to be split across threads.
 */
class TierIndependenceTest {
  private static final int SMALL = 2, LARGE = 256;

  @Test
  void kernelsGiveTheSameBitsInterpretedInC1AndInC2() throws Exception {
    Map<String, Integer> interpreted = child(List.of("-Xint"), 1, SMALL);
    Map<String, Integer> c1 = child(List.of("-XX:TieredStopAtLevel=1"), 50, SMALL);
    Map<String, Integer> warm = TierProbe.hashes(800, SMALL);
    assertThat(Simd.AVAILABLE).as("the Vector API kernels are under test").isTrue();
    assertThat(interpreted).as("-Xint vs warmed-up C2").isEqualTo(warm);
    assertThat(c1).as("C1 vs warmed-up C2").isEqualTo(warm);
  }

  @Test
  @Tag("slow")
  void kernelsGiveTheSameBitsForAnyThreadCount() throws Exception {
    Map<String, Integer> one = child(List.of("-XX:ActiveProcessorCount=1"), 1, LARGE);
    Map<String, Integer> three = child(List.of("-XX:ActiveProcessorCount=3"), 1, LARGE);
    Map<String, Integer> here = TierProbe.hashes(1, LARGE);
    assertThat(one).as("1 thread vs %d", Parallel.threads()).isEqualTo(here);
    assertThat(three).as("3 threads vs %d", Parallel.threads()).isEqualTo(here);
  }

  private static Map<String, Integer> child(List<String> flags, int reps, int B)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(flags);
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of(TierProbe.class.getName(), Integer.toString(reps), Integer.toString(B)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("child %s exit, printed: %s", flags, text).isZero();
    Map<String, Integer> hashes = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int space = line.lastIndexOf(' ');
      hashes.put(line.substring(0, space), Integer.parseInt(line.substring(space + 1).trim()));
    }
    return hashes;
  }
}
