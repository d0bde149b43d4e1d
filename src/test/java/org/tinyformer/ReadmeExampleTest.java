package org.tinyformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the Java API example of README.md exactly as written there. */
class ReadmeExampleTest {
  private static final String MARKER = "<!-- api-example -->";

  @Test
  void readmeExampleCompilesTrainsAndSamples(@TempDir Path dir) throws Exception {
    String output =
        CompileAndRun.run(dir, "Example", exampleSource(Files.readString(Path.of("README.md"))));
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
}
