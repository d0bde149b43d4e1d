package org.tinyformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs docs/tutorial.md: its Java blocks, in order, are one program (imports at the
 * top, every other line in {@code main}), and each text block marked {@code <!-- checked output
 * -->} must appear in what the program prints, in order.
 */
class TutorialTest {
  static final Path TUTORIAL = Path.of("docs/tutorial.md");
  private static final String CHECKED = "<!-- checked output -->";
  private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern OUTPUT =
      Pattern.compile(Pattern.quote(CHECKED) + "\\s*```text\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyBlockCompilesRunsAndPrintsWhatThePageShows(@TempDir Path dir) throws Exception {
    String page = Files.readString(TUTORIAL);
    String printed = CompileAndRun.run(dir, "Tutorial", program(page));
    List<String> expected = checkedOutputs(page);
    assertThat(expected).as("checked output blocks in " + TUTORIAL).hasSizeGreaterThan(5);
    int from = 0;
    for (String block : expected) {
      int at = printed.indexOf(block, from);
      assertThat(at)
          .as(
              "the tutorial shows this output, but the program printed (after the previous check)"
                  + " something else:\n%s\n--- printed:\n%s",
              block, printed.substring(from))
          .isNotNegative();
      from = at + block.length();
    }
  }

  /** The Java blocks as one class: import lines first, the rest inside main. */
  static String program(String page) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    Matcher m = JAVA.matcher(page);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      for (String line : m.group(1).split("\n", -1)) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
    }
    assertThat(blocks).as("java blocks in " + TUTORIAL).isGreaterThan(5);
    return imports
        + "\npublic class Tutorial {\n  public static void main(String[] args) throws Exception {\n"
        + body
        + "  }\n}\n";
  }

  static List<String> checkedOutputs(String page) {
    List<String> out = new ArrayList<>();
    Matcher m = OUTPUT.matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
