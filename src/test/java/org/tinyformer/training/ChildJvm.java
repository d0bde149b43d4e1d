package org.tinyformer.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM running {@code tinyformer} (or another main class) on this test's class path, its
 * output (stdout and stderr merged) collected line by line, and the last {@code step N/M} line it
 * printed, so a test can signal or kill it at a known step.
 *
 * <p>{@code ChildJvm c = ChildJvm.cli(List.of("train", ...)); c.awaitStep(5);
 * c.process().destroy();}
 */
public final class ChildJvm {
  private static final Pattern STEP = Pattern.compile("^step (\\d+)/");
  private final Process process;
  private final Thread reader;
  private final StringBuffer output = new StringBuffer();
  private final AtomicInteger lastStep = new AtomicInteger(-1);

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(this::read);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code tinyformer args...} ({@code org.tinyformer.cli.Main}) in a fresh JVM. */
  public static ChildJvm cli(List<String> args) throws IOException {
    return start("org.tinyformer.cli.Main", args);
  }

  /** Starts {@code mainClass args...} in a fresh JVM with the Vector API module. */
  public static ChildJvm start(String mainClass, List<String> args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(args);
    return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        output.append(line).append('\n');
        Matcher m = STEP.matcher(line);
        if (m.find()) {
          lastStep.set(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // the child was killed
    }
  }

  public Process process() {
    return process;
  }

  /** The last step the child printed ({@code -1} before the first). */
  public int lastStep() {
    return lastStep.get();
  }

  /** Waits until the child printed step {@code step} or later; false when it exited first. */
  public boolean awaitStep(int step) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (lastStep.get() < step && System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return lastStep.get() >= step;
      }
      Thread.sleep(5);
    }
    return lastStep.get() >= step;
  }

  /** Waits for the child to exit (at most {@code seconds}) and returns its exit code. */
  public int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("child did not exit in " + seconds + " s:\n" + output);
    }
    reader.join(); // every line it printed has been read
    return process.exitValue();
  }

  /** Everything the child printed so far. */
  public String output() {
    return output.toString();
  }
}
