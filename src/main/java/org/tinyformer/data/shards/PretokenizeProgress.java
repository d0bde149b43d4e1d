package org.tinyformer.data.shards;

/** What a running {@link Pretokenizer} reports: bytes read and tokens written, finished shards. */
public interface PretokenizeProgress {
  /** Called after each piece is written. */
  void update(long bytesRead, long totalBytes, long tokens);

  /** Called after shard {@code index} is on disk and in the index. */
  default void shardFinished(int index, long tokens) {}

  /** Reports nothing. */
  PretokenizeProgress NONE = (read, total, tokens) -> {};
}
