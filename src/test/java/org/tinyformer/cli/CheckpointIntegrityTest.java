package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.AtomicDirectory;

/**
 * A checkpoint records a checksum of every file: one flipped byte in any of them makes {@code
 * sample}, {@code eval} and {@code train --resume} fail with a message naming that file.
 */
class CheckpointIntegrityTest {
  @TempDir Path dir;

  @Test
  void aFlippedByteInAnyCheckpointFileFailsSampleEvalAndResumeNamingThatFile() throws IOException {
    Path text = TinyRuns.text(dir);
    Path run = dir.resolve("run");
    TinyRuns.Result trained = TinyRuns.cli(TinyRuns.train(text, run, 10));
    assertThat(trained.exit()).as(trained.err()).isZero();
    List<String> files;
    try (Stream<Path> s = Files.list(run.resolve("checkpoints/last"))) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files)
        .containsExactly(
            "checksums.txt",
            "config.yaml",
            "model.json",
            "model.safetensors",
            "optimizer.safetensors",
            "state.json",
            "tokenizer.json");
    for (String name : files) {
      Path copy = dir.resolve("flipped-" + name);
      copyTree(run, copy);
      Path file = copy.resolve("checkpoints/last").resolve(name);
      flipMiddleByte(file);
      for (String[] args :
          List.of(
              new String[] {"sample", "--run", copy.toString(), "--max-tokens", "3"},
              new String[] {"eval", "--run", copy.toString(), "--batches", "1"},
              TinyRuns.train(text, copy, 20, "--resume"))) {
        TinyRuns.Result r = TinyRuns.cli(args);
        assertThat(r.exit()).as("%s after flipping %s: %s", args[0], name, r.err()).isEqualTo(1);
        assertThat(r.err()).as("%s after flipping %s", args[0], name).contains(file.toString());
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
      }
    }
  }

  @Test
  void anIntactCheckpointStillLoadsAfterTheCopy() throws IOException {
    Path text = TinyRuns.text(dir);
    Path run = dir.resolve("run");
    assertThat(TinyRuns.cli(TinyRuns.train(text, run, 10)).exit()).isZero();
    Path copy = dir.resolve("copy");
    copyTree(run, copy);
    TinyRuns.Result r = TinyRuns.cli("eval", "--run", copy.toString(), "--batches", "1");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  /** Flips every bit of the middle byte (a rewrite, so step-N's hard link is not touched). */
  static void flipMiddleByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= (byte) 0xff;
    Files.delete(file);
    Files.write(file, bytes);
  }

  static void copyTree(Path from, Path to) throws IOException {
    AtomicDirectory.deleteTree(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
