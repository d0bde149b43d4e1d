package org.tinyformer.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.WriteErrors;

class AtomicDirectoryTest {
  @TempDir Path dir;

  @Test
  void replacesAnExistingDirectoryWhole() throws IOException {
    Path last = dir.resolve("last");
    AtomicDirectory.write(last, d -> Files.writeString(d.resolve("a.txt"), "one"));
    AtomicDirectory.write(last, d -> Files.writeString(d.resolve("b.txt"), "two"));
    assertThat(Files.readString(last.resolve("b.txt"))).isEqualTo("two");
    assertThat(last.resolve("a.txt")).doesNotExist();
    assertThat(names()).containsExactly("last");
  }

  @Test
  void aFailingWriteLeavesTheOldDirectoryAndNoLeftovers() throws IOException {
    Path last = dir.resolve("last");
    AtomicDirectory.write(last, d -> Files.writeString(d.resolve("a.txt"), "one"));
    assertThatThrownBy(
            () ->
                AtomicDirectory.write(
                    last,
                    d -> {
                      Files.writeString(d.resolve("half.txt"), "x");
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(Files.readString(last.resolve("a.txt"))).isEqualTo("one");
    assertThat(names()).containsExactly("last");
  }

  @Test
  void aFullDiskNamesTheFileUnderTheTargetNotTheTemporaryDirectory() throws IOException {
    Path last = dir.resolve("last");
    AtomicDirectory.write(last, d -> Files.writeString(d.resolve("a.txt"), "one"));
    assertThatThrownBy(
            () ->
                AtomicDirectory.write(
                    last,
                    d -> {
                      Path full =
                          Files.createSymbolicLink(d.resolve("b.bin"), Path.of("/dev/full"));
                      WriteErrors.writing(full, () -> Files.write(full, new byte[] {1, 2, 3}));
                    }))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessage(last.resolve("b.bin") + ": No space left on device");
    assertThat(Files.readString(last.resolve("a.txt"))).isEqualTo("one");
    assertThat(names()).containsExactly("last");
  }

  @Test
  void recoversTheOldDirectoryAfterACrashBetweenTheRenames() throws IOException {
    Path old = dir.resolve(".old-last-123");
    Files.createDirectories(old);
    Files.writeString(old.resolve("a.txt"), "one");
    Files.createDirectories(dir.resolve(".tmp-last-999"));
    assertThat(AtomicDirectory.resolve(dir.resolve("last"))).contains(old);
    AtomicDirectory.recover(dir);
    assertThat(names()).containsExactly("last");
    assertThat(Files.readString(dir.resolve("last/a.txt"))).isEqualTo("one");
  }

  @Test
  void resolveIsEmptyWhenNothingWasWritten() throws IOException {
    assertThat(AtomicDirectory.resolve(dir.resolve("last"))).isEmpty();
    assertThat(AtomicDirectory.resolve(dir.resolve("nope/last"))).isEmpty();
  }

  private java.util.List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
