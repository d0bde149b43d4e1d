package org.tinyformer.data.shards;

import org.tinyformer.base.Checks;

/**
 * How {@link Pretokenizer} cuts a corpus: tokens per shard (the last shard may be shorter), the
 * longest document in tokens ({@code 0}: no limit; longer documents are cut into pieces of at most
 * that many tokens, each recorded as a document), encoding threads, the JSONL text field, whether
 * special-token text in the corpus becomes special ids, the invalid UTF-8 policy ({@code strict} or
 * {@code replace}) and the bytes read per piece.
 */
public record PretokenizeSettings(
    long shardTokens,
    int maxLength,
    int threads,
    String textField,
    boolean allowSpecial,
    String errors,
    int pieceBytes) {
  /** 100M tokens per shard (200 MB as uint16), as the large-corpus recipes use. */
  public static final long DEFAULT_SHARD_TOKENS = 100_000_000L;

  /** 1 MiB pieces: big enough to amortize the hand-offs, small enough for bounded memory. */
  public static final int DEFAULT_PIECE_BYTES = 1 << 20;

  public PretokenizeSettings {
    Checks.check(shardTokens > 0, "pretokenize: --shard-tokens must be > 0, got %d", shardTokens);
    Checks.check(
        shardTokens <= Integer.MAX_VALUE,
        "pretokenize: --shard-tokens must be at most %d (document offsets are int32), got %d",
        Integer.MAX_VALUE,
        shardTokens);
    Checks.check(maxLength >= 0, "pretokenize: --max-length must be >= 0, got %d", maxLength);
    Checks.check(threads >= 1, "pretokenize: --threads must be >= 1, got %d", threads);
    Checks.check(
        textField != null && !textField.isEmpty(), "pretokenize: --text-field must not be empty");
    Checks.check(
        "strict".equals(errors) || "replace".equals(errors),
        "--errors must be strict or replace, got %s",
        errors);
    Checks.check(pieceBytes >= 16, "pretokenize: piece bytes must be >= 16, got %d", pieceBytes);
  }

  /** Defaults: 100M-token shards, no length limit, field {@code text}, specials allowed. */
  public static PretokenizeSettings defaults(int threads) {
    return new PretokenizeSettings(
        DEFAULT_SHARD_TOKENS, 0, threads, "text", true, "strict", DEFAULT_PIECE_BYTES);
  }
}
