package org.tinyformer.training;

import org.tinyformer.base.Checks;

/**
 * The {@code data:} section of a run config: {@code kind: task} (a synthetic sequence task
 * described by the {@code task:} section, no file needed; the built-in arithmetic is the add task),
 * {@code kind: lines} (one example per line at {@code path}, a file or {@code builtin:NAME}, each
 * wrapped in {@code <bos>}/{@code <eos>} and padded per batch: {@link LineData}) or {@code kind:
 * text} (a UTF-8 file or a {@code tokens.bin} shard at {@code path}, split {@code 1 - val_fraction}
 * / {@code val_fraction}). Text is tokenized by {@code tokenizer} (char, word or bpe, fitted on the
 * file; {@code vocab_size} is the BPE target and the word and char cap: a text with more distinct
 * characters than {@code vocab_size} is refused for the char tokenizer), or by the saved tokenizer
 * at {@code tokenizer_file} when given.
 */
public record DataSettings(
    String kind,
    String path,
    String tokenizer,
    int vocabSize,
    String bpePattern,
    String tokenizerFile,
    float valFraction) {

  /** A character-level text file (the file itself is given by {@code --data}). */
  public static final DataSettings DEFAULTS =
      new DataSettings("text", null, "char", 1024, "gpt2", null, 0.1f);

  /** The special token a fitted BPE tokenizer gets (stories are separated by it). */
  public static final String END_OF_TEXT = "<|endoftext|>";

  public DataSettings {
    Checks.check(
        kind.equals("text") || kind.equals("task") || kind.equals("lines"),
        "config: data.kind must be text, task or lines, got '%s'",
        kind);
    Checks.check(
        !kind.equals("lines") || tokenizer.equals("word"),
        "config: data.kind lines wraps each line in <bos>/<eos> and needs data.tokenizer word,"
            + " got '%s'",
        tokenizer);
    Checks.check(
        tokenizer.equals("char") || tokenizer.equals("word") || tokenizer.equals("bpe"),
        "config: data.tokenizer must be char, word or bpe, got '%s'",
        tokenizer);
    Checks.check(
        !tokenizer.equals("bpe") || vocabSize >= 257,
        "config: data.vocab_size must be at least 257 for the bpe tokenizer (256 bytes + %s),"
            + " got %d",
        END_OF_TEXT,
        vocabSize);
    Checks.check(
        !tokenizer.equals("word") || vocabSize > 4,
        "config: data.vocab_size must be greater than 4 for the word tokenizer"
            + " (<pad> <bos> <eos> <unk>), got %d",
        vocabSize);
    Checks.check(
        bpePattern.equals("gpt2") || bpePattern.equals("gpt4"),
        "config: data.bpe_pattern must be gpt2 or gpt4, got '%s'",
        bpePattern);
    Checks.check(
        valFraction > 0 && valFraction < 1,
        "config: data.val_fraction must be in (0, 1), got %s",
        valFraction);
  }

  /** True when a saved tokenizer file is named ({@code tokenizer_file}). */
  public boolean hasTokenizerFile() {
    return tokenizerFile != null && !tokenizerFile.isBlank();
  }
}
