package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path cache;

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void listShowsDatasetsAndWhetherTheyAreCached() throws Exception {
    Files.writeString(cache.resolve("tinyshakespeare.txt"), "x");
    assertThat(run("data", "list", "--cache-dir", cache.toString())).isZero();
    assertThat(out.toString())
        .contains("tinyshakespeare    1,115,394 yes     pinned       Tiny Shakespeare")
        .contains("tinystories-valid  ?         no      server       TinyStories validation")
        .contains("tinystories-train  ?         no      server       TinyStories training")
        .contains("cache: " + cache);
  }

  @Test
  void listSaysWhatEachDownloadIsCheckedAgainst() throws Exception {
    Path valid = Files.writeString(cache.resolve("TinyStories-valid.txt"), "x");
    Files.writeString(
        cache.resolve("TinyStories-valid.txt.verified"),
        "1 " + Files.getLastModifiedTime(valid).toMillis() + " " + "a".repeat(64) + " none");
    assertThat(run("data", "list", "--cache-dir", cache.toString())).isZero();
    assertThat(out.toString())
        .contains("name               size      cached  sha256       description")
        .contains("tinystories-valid  ?         yes     unverified   TinyStories validation")
        .contains(
            "sha256: pinned = checked against the SHA-256 and size pinned in tinyformer; server ="
                + " checked against the SHA-256 and size the server announces with the file"
                + " (Hugging Face's X-Linked-Etag and X-Linked-Size), refused when it announces"
                + " none unless data download --allow-unverified; unverified = downloaded that"
                + " way. A cached file is re-checked against its recorded SHA-256 before each"
                + " use.");
  }

  @Test
  void downloadPrintsTheCachedPathWithoutTheNetworkWhenCached() throws Exception {
    Path file = cache.resolve("tinyshakespeare.txt");
    Files.copy(Path.of("../shared/data/tinyshakespeare.txt"), file);
    assertThat(run("data", "download", "tinyshakespeare", "--cache-dir", cache.toString()))
        .isZero();
    assertThat(out.toString().trim()).isEqualTo(file.toString());
  }

  @Test
  void aTamperedCachedFileIsAnErrorNotAResult() throws Exception {
    Path file = Files.writeString(cache.resolve("tinyshakespeare.txt"), "tampered!");
    assertThat(run("data", "download", "tinyshakespeare", "--cache-dir", cache.toString()))
        .isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "error: download tinyshakespeare: the cached file "
                + file
                + " has 9 bytes, expected 1115394 bytes (changed or damaged since it was"
                + " downloaded); delete it and run the command again"
                + System.lineSeparator());
  }

  @Test
  void aCacheDirThatIsAFileNamesTheProblem() throws Exception {
    Path notDir = Files.writeString(cache.resolve("file"), "x");
    assertThat(run("data", "download", "tinyshakespeare", "--cache-dir", notDir.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("error: ").contains(notDir.toString());
    assertThat(err.toString().trim()).isNotEqualTo("error: " + notDir);
  }

  @Test
  void unknownDatasetIsAUsageError() {
    assertThat(run("data", "download", "wikitext", "--cache-dir", cache.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: data: unknown dataset 'wikitext', expected one of tinyshakespeare,"
                + " tinystories-sample, tinystories-valid, tinystories-train"
                + System.lineSeparator());
  }
}
