package org.tinyformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tinyformer} launcher, run on every installed JDK with a stand-in jar ({@link
 * LauncherProbe}): stdout and stderr arrive in the order they were written (no asynchronous stderr
 * filter), and native access is enabled where the JDK asks for it (JLine's warnings on JDK 22+).
 */
class LauncherTest {
  private static final String INCUBATOR_WARNING =
      "WARNING: Using incubator modules: jdk.incubator.vector";

  @Test
  void keepsTheOrderOfOutputAndErrorsAndEnablesNativeAccess(@TempDir Path dir) throws Exception {
    Files.copy(Path.of("tinyformer"), dir.resolve("tinyformer"));
    Files.createDirectories(dir.resolve("target"));
    writeProbeJar(dir.resolve("target/tinyformer.jar"));
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      expected.add("out " + i);
      expected.add("err " + i);
    }
    for (Path jdk : jdks()) {
      List<String> lines = run(dir, jdk);
      // printed by the JVM before main whenever the Vector API module is added; no flag stops it
      assertThat(lines.get(0)).as(jdk.toString()).isEqualTo(INCUBATOR_WARNING);
      List<String> rest = lines.subList(1, lines.size());
      assertThat(rest.subList(0, expected.size())).as(jdk.toString()).isEqualTo(expected);
      assertThat(rest.get(expected.size()))
          .as(jdk.toString())
          .isEqualTo("native access: " + (major(jdk) >= 22 ? "enabled" : "not applicable"));
      assertThat(rest).as(jdk.toString()).hasSize(expected.size() + 1);
    }
  }

  /** The test's own JDK and every other one installed under /usr/lib/jvm (once each). */
  private static Set<Path> jdks() throws IOException {
    Set<Path> homes = new LinkedHashSet<>();
    homes.add(Path.of(System.getProperty("java.home")).toRealPath());
    Path jvm = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvm)) {
      try (Stream<Path> dirs = Files.list(jvm)) {
        for (Path home : dirs.sorted().toList()) {
          if (Files.isExecutable(home.resolve("bin/java"))
              && Files.exists(home.resolve("release"))) {
            homes.add(home.toRealPath());
          }
        }
      }
    }
    return homes;
  }

  private static int major(Path jdk) throws IOException {
    for (String line : Files.readAllLines(jdk.resolve("release"))) {
      if (line.startsWith("JAVA_VERSION=\"")) {
        String v = line.substring("JAVA_VERSION=\"".length());
        return Integer.parseInt(v.split("[.\"]")[0]);
      }
    }
    throw new AssertionError(jdk + "/release has no JAVA_VERSION line");
  }

  /** Both streams through one pipe, as a terminal shows them. */
  private static List<String> run(Path dir, Path jdk) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", dir.resolve("tinyformer").toString()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", jdk.toString());
    pb.environment().remove("TINYFORMER_JAVA_OPTS");
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text.lines().toList();
  }

  private static void writeProbeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        var in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }
}
