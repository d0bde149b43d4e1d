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
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the Java API example of README.md exactly as written there. */
class ReadmeExampleTest {
  private static final String MARKER = "<!-- api-example -->";

  @Test
  void readmeExampleCompilesTrainsAndSamples(@TempDir Path dir) throws Exception {
    String source = exampleSource(Files.readString(Path.of("README.md")));
    Path file = dir.resolve("Example.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            List.of(
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-d",
                    dir.toString(),
                    file.toString())
                .toArray(String[]::new));
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    String output = runMain(dir);
    assertThat(output).contains("step 300 loss");
    assertThat(output).contains("To be, or not to be");
  }

  /** The first ```java block after the marker. */
  static String exampleSource(String readme) {
    int at = readme.indexOf(MARKER);
    assertThat(at).as("README.md has the marker " + MARKER).isNotNegative();
    int start = readme.indexOf("```java\n", at) + "```java\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  private static String runMain(Path classes) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (var loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader())) {
      Method main = loader.loadClass("Example").getMethod("main", String[].class);
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
