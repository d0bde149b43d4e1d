package org.tinyformer.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {
  private final Path home = Path.of("/home/ada");

  @Test
  void prefersOverrideThenXdgThenHome() {
    assertThat(CacheDirectory.resolve(Path.of("/d"), Map.of("XDG_CACHE_HOME", "/x"), home))
        .isEqualTo(Path.of("/d"));
    assertThat(CacheDirectory.resolve(null, Map.of("XDG_CACHE_HOME", "/x"), home))
        .isEqualTo(Path.of("/x/tinyformer"));
    assertThat(CacheDirectory.resolve(null, Map.of(), home))
        .isEqualTo(Path.of("/home/ada/.cache/tinyformer"));
    assertThat(CacheDirectory.resolve(null, Map.of("XDG_CACHE_HOME", "relative"), home))
        .isEqualTo(Path.of("/home/ada/.cache/tinyformer"));
  }

  @Test
  void pinnedTinyStoriesSampleMatchesTheSharedCopy() throws Exception {
    DatasetInfo sample = DatasetRegistry.get("tinystories-sample");
    Path shared = Path.of("../shared/data/tinystories/tinystories_valid_sample.txt");
    assertThat(Files.size(shared)).isEqualTo(sample.sizeBytes());
    assertThat(Downloader.sha256(shared)).isEqualTo(sample.sha256());
  }

  @Test
  void registryKnowsTinyShakespeareAndTinyStories() {
    DatasetInfo shakespeare = DatasetRegistry.get("tinyshakespeare");
    assertThat(shakespeare.sizeBytes()).isEqualTo(1_115_394);
    assertThat(shakespeare.sha256())
        .isEqualTo("86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed");
    assertThat(DatasetRegistry.get("tinystories-valid").url())
        .isEqualTo(
            "https://huggingface.co/datasets/roneneldan/TinyStories/resolve/main/TinyStories-valid.txt");
    assertThatThrownBy(() -> DatasetRegistry.get("wikitext"))
        .hasMessage(
            "data: unknown dataset 'wikitext', expected one of tinyshakespeare,"
                + " tinystories-sample, tinystories-valid, tinystories-train");
  }

  @Test
  void pinnedShakespeareMatchesTheSharedCopy() throws Exception {
    assertThat(Downloader.sha256(Path.of("../shared/data/tinyshakespeare.txt")))
        .isEqualTo(DatasetRegistry.get("tinyshakespeare").sha256());
  }
}
