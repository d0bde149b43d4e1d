package org.tinyformer.kernels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the kernels tier-stable: Vector API operations whose bits differ between the interpreter,
 * C1 and C2 (float add / mul lane reductions, lanewise transcendental functions) must not appear in
 * main sources; use {@code VectorMath.sumLanes} and {@code VectorFunctions} instead.
 */
class TierStableSourcesTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "reduceLanes\\(\\s*VectorOperators\\.(ADD|MUL)\\b"
              + "|VectorOperators\\.(EXP|EXPM1|LOG|LOG10|LOG1P|POW|HYPOT|CBRT"
              + "|SIN|COS|TAN|ASIN|ACOS|ATAN|ATAN2|SINH|COSH|TANH)\\b");

  @Test
  void mainSourcesUseNoTierDependentVectorOperations() throws IOException {
    Path root = Path.of("src/main/java");
    assertThat(root).as("run from the repository root").isDirectory();
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = FORBIDDEN.matcher(lines.get(i));
          if (m.find() && !lines.get(i).trim().startsWith("*")) {
            hits.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertThat(hits).as("tier-dependent Vector API operations").isEmpty();
  }
}
