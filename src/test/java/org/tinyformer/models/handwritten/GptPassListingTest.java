package org.tinyformer.models.handwritten;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link GptPass} readable like llm.c: forward and backward are lists of kernel calls, one
 * call per line (the formatter is switched off around them), and every backward call is preceded by
 * the forward expression it differentiates ("forward was: ...").
 */
class GptPassListingTest {
  private static final Path SOURCE =
      Path.of("src/main/java/org/tinyformer/models/handwritten/GptPass.java");

  @Test
  void forwardAndBackwardKeepOneKernelCallPerLine() throws IOException {
    List<String> split = new ArrayList<>();
    for (String method : List.of("double forward(", "void backward(")) {
      for (String line : body(method)) {
        String code = line.replaceAll("\\s*//.*$", "").trim(); // without a trailing comment
        if (code.contains("Kernel.") && !code.endsWith(";")) {
          split.add(code);
        }
      }
    }
    assertThat(split).as("kernel calls split over several lines").isEmpty();
  }

  @Test
  void everyBackwardCallSaysWhatTheForwardWas() throws IOException {
    List<String> body = body("void backward(");
    List<String> missing = new ArrayList<>();
    int calls = 0;
    for (int i = 0; i < body.size(); i++) {
      String line = body.get(i).trim();
      if (line.contains("Kernel.") || line.startsWith("Arrays.fill(")) {
        calls++;
        if (!body.get(i - 1).trim().startsWith("// forward was: ")) {
          missing.add(line);
        }
      }
    }
    assertThat(calls).as("backward calls found").isGreaterThanOrEqualTo(12);
    assertThat(missing).as("backward calls without a 'forward was:' line above").isEmpty();
  }

  /**
   * The lines of the method whose declaration contains {@code signature}, up to its closing brace.
   */
  private static List<String> body(String signature) throws IOException {
    assertThat(SOURCE).as("run from the repository root").exists();
    List<String> lines = Files.readAllLines(SOURCE);
    int start = -1;
    for (int i = 0; i < lines.size() && start < 0; i++) {
      if (lines.get(i).startsWith("  " + signature)) {
        start = i + 1;
      }
    }
    assertThat(start).as(signature).isPositive();
    int end = start;
    while (!lines.get(end).equals("  }")) {
      end++;
    }
    return lines.subList(start, end);
  }
}
