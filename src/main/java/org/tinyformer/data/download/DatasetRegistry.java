package org.tinyformer.data.download;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The named datasets {@code tinyformer data download NAME} knows. Tiny Shakespeare and the
 * TinyStories sample are pinned by size and SHA-256; the full TinyStories files are not yet (their
 * digest could not be measured offline): their size is checked against the server's Content-Length,
 * their SHA-256 reported and recorded, and a cached copy is checked against that record. Usage:
 * {@code DatasetRegistry.get("tinyshakespeare")}.
 */
public final class DatasetRegistry {
  private static final String TINYSTORIES =
      "https://huggingface.co/datasets/roneneldan/TinyStories/resolve/main/";

  private static final List<DatasetInfo> ALL =
      List.of(
          new DatasetInfo(
              "tinyshakespeare",
              "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
              "tinyshakespeare.txt",
              1_115_394,
              "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
              "Tiny Shakespeare (char-rnn input.txt), 1.1 MB, 65 characters"),
          new DatasetInfo(
              "tinystories-sample",
              "https://raw.githubusercontent.com/BhargavKumarNath/NanoGPT/"
                  + "25e02c8a2de871dc40affb4c68a5346154adf80e/data_corpus/tinystories_val.txt",
              "tinystories_valid_sample.txt",
              807_375,
              "c86f734a3a07fffb8a52f4a7970ac7dbeaf4eaf6a031dc8742a8de92fbbb9446",
              "The first 1,000 TinyStories validation stories, 0.8 MB (pinned copy at a commit)"),
          new DatasetInfo(
              "tinystories-valid",
              TINYSTORIES + "TinyStories-valid.txt",
              "TinyStories-valid.txt",
              -1,
              null,
              "TinyStories validation stories (Eldan & Li 2023), about 19 MB"),
          new DatasetInfo(
              "tinystories-train",
              TINYSTORIES + "TinyStories-train.txt",
              "TinyStories-train.txt",
              -1,
              null,
              "TinyStories training stories (Eldan & Li 2023), about 1.9 GB"));

  /** Short names a user may type for a dataset: {@code tinystories} is the training set. */
  private static final Map<String, String> ALIASES = Map.of("tinystories", "tinystories-train");

  private DatasetRegistry() {}

  /** Every known dataset, in listing order. */
  public static List<DatasetInfo> all() {
    return ALL;
  }

  /** Whether {@code name} is a dataset name or an alias of one. */
  public static boolean knows(String name) {
    String canonical = ALIASES.getOrDefault(name, name);
    return ALL.stream().anyMatch(info -> info.name().equals(canonical));
  }

  /** The dataset called {@code name} (or an alias of it); the error lists the known names. */
  public static DatasetInfo get(String name) {
    String canonical = ALIASES.getOrDefault(name, name);
    for (DatasetInfo info : ALL) {
      if (info.name().equals(canonical)) {
        return info;
      }
    }
    throw new IllegalArgumentException(
        "data: unknown dataset '"
            + name
            + "', expected one of "
            + ALL.stream().map(DatasetInfo::name).collect(Collectors.joining(", ")));
  }
}
