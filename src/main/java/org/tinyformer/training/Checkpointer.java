package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tinyformer.io.AtomicDirectory;
import org.tinyformer.io.Checkpoint;

/**
 * Decides where checkpoints go: {@code last} (every checkpoint), {@code step-N} (every checkpoint
 * interval, keeping the newest {@code keep}) and {@code best} (lowest validation loss). Each is
 * written atomically; a run that was killed mid-write resumes from the previous complete one.
 */
final class Checkpointer {
  private final RunDirectory run;
  private final int keep;

  Checkpointer(RunDirectory run, int keep) {
    this.run = run;
    this.keep = keep;
  }

  /** Writes {@code last}, and {@code step-N} when {@code numbered}, then rotates old ones. */
  void saveLast(Checkpoint.Contents contents, boolean numbered) throws IOException {
    Checkpoint.save(run.last(), contents);
    if (numbered && keep > 0) {
      AtomicDirectory.write(run.step(contents.state().step()), tmp -> linkOrCopy(run.last(), tmp));
      rotate();
    }
  }

  /** Writes {@code best}. */
  void saveBest(Checkpoint.Contents contents) throws IOException {
    Checkpoint.save(run.best(), contents);
  }

  /** Hard-links (or copies) every file of {@code from} into {@code to}: step-N costs no space. */
  private static void linkOrCopy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(f.getFileName());
        try {
          Files.createLink(target, f);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(f, target);
        }
      }
    }
  }

  /** Deletes all but the newest {@code keep} step-N directories. */
  private void rotate() throws IOException {
    List<Path> steps;
    try (Stream<Path> s = Files.list(run.checkpoints())) {
      steps =
          s.filter(p -> p.getFileName().toString().matches("step-\\d+"))
              .sorted(Comparator.comparingLong(Checkpointer::stepOf))
              .toList();
    }
    for (int i = 0; i < steps.size() - keep; i++) {
      AtomicDirectory.deleteTree(steps.get(i));
    }
  }

  private static long stepOf(Path p) {
    return Long.parseLong(p.getFileName().toString().substring("step-".length()));
  }
}
