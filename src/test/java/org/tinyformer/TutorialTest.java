package org.tinyformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
    Path file = dir.resolve("Tutorial.java");
    Files.writeString(file, program(page));
    compile(dir, file);
    String printed = runMain(dir);
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

  private static void compile(Path dir, Path file) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            file.toString());
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
  }

  private static String runMain(Path classes) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (var loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, TutorialTest.class.getClassLoader())) {
      Method main = loader.loadClass("Tutorial").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);
    return output;
  }
}
