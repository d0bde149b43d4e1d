package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.data.TokenShard;
import org.tinyformer.data.TrainValSplit;
import org.tinyformer.data.shards.ShardDirectory;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Training data from pretokenized ids, memory-mapped (no copy into memory): a shard directory
 * written by {@code tinyformer tokenizer pretokenize} (every shard mapped, seen as one stream, the
 * last documents held out for validation: {@link ShardDirectory#split}), or a single {@code
 * tokens.bin} split on its token sequence. The tokenizer is the run's (on resume and eval), else
 * {@code data.tokenizer_file}, else the one saved beside the ids ({@code DIR/tokenizer.json}, or
 * {@code tokens.bin.tokenizer.json}).
 */
final class TokenShardData {
  private TokenShardData() {}

  /** The shard directory at {@code dir}, split per {@code d}, with its tokenizer. */
  static TextData openDirectory(Path dir, DataSettings d, Tokenizer given) throws IOException {
    ShardDirectory shards = ShardDirectory.open(dir);
    RunTokenizer t = tokenizer(dir, shards.tokenizerFile(), d, given);
    checkVocabulary(dir, shards.index().vocabSize(), t);
    TrainValSplit split = shards.split(d.valFraction());
    String note =
        String.format(
            "%s; %d %s shards, memory-mapped; %,d documents, validation holds out the last %s",
            t.note(),
            shards.shardCount(),
            shards.index().dtype(),
            shards.index().documents(),
            shards.index().documents() < 2 ? "tokens" : "documents");
    return new TextData(dir, t.tokenizer(), split, note);
  }

  private static void checkVocabulary(Path path, int vocabSize, RunTokenizer t) {
    int vocab = t.tokenizer().vocabSize();
    if (vocabSize != 0 && vocabSize != vocab) {
      throw new IllegalArgumentException(
          String.format(
              "data: token shard %s was written for %d ids but the tokenizer (%s) has %d;"
                  + " pass the tokenizer it was written with (data.tokenizer_file=PATH)",
              path, vocabSize, t.note(), vocab));
    }
  }

  /** The shard at {@code path}, split per {@code d}, with its tokenizer. */
  static TextData open(Path path, DataSettings d, Tokenizer given) throws IOException {
    RunTokenizer t = tokenizer(path, TokenShard.tokenizerFile(path), d, given);
    TokenShard shard = TokenShard.open(path);
    checkVocabulary(path, shard.vocabSize(), t);
    TrainValSplit split = TrainValSplit.of(shard, 1.0 - d.valFraction());
    String note = t.note() + "; " + shard.header().dtype() + " shard, memory-mapped";
    return new TextData(path, t.tokenizer(), split, note);
  }

  private static RunTokenizer tokenizer(Path path, Path sidecar, DataSettings d, Tokenizer given)
      throws IOException {
    if (given != null) {
      return new RunTokenizer(given, "the run's tokenizer");
    }
    if (d.hasTokenizerFile()) {
      return RunTokenizer.fromFile(Path.of(d.tokenizerFile()));
    }
    if (!Files.exists(sidecar)) {
      throw new IllegalArgumentException(
          "data: token shard "
              + path
              + " has no tokenizer: expected "
              + sidecar.getFileName()
              + " beside it (tinyformer tokenizer pretokenize writes it), or set"
              + " data.tokenizer_file=PATH");
    }
    return RunTokenizer.fromFile(sidecar);
  }
}
