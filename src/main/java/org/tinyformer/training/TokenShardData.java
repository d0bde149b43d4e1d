package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.data.TokenShard;
import org.tinyformer.data.TrainValSplit;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Training data from a {@code tokens.bin} shard written by {@code tinyformer tokenizer
 * pretokenize}: the shard is memory-mapped and split on its token sequence (no copy into memory).
 * Its tokenizer is the run's (on resume and eval), else {@code data.tokenizer_file}, else the
 * sidecar {@code tokens.bin.tokenizer.json} that pretokenize writes beside the shard.
 */
final class TokenShardData {
  private TokenShardData() {}

  /** The shard at {@code path}, split per {@code d}, with its tokenizer. */
  static TextData open(Path path, DataSettings d, Tokenizer given) throws IOException {
    RunTokenizer t = tokenizer(path, d, given);
    TokenShard shard = TokenShard.open(path);
    int vocab = t.tokenizer().vocabSize();
    if (shard.vocabSize() != 0 && shard.vocabSize() != vocab) {
      throw new IllegalArgumentException(
          String.format(
              "data: token shard %s was written for %d ids but the tokenizer (%s) has %d;"
                  + " pass the tokenizer it was written with (data.tokenizer_file=PATH)",
              path, shard.vocabSize(), t.note(), vocab));
    }
    TrainValSplit split = TrainValSplit.of(shard, 1.0 - d.valFraction());
    String note = t.note() + "; " + shard.header().dtype() + " shard, memory-mapped";
    return new TextData(path, t.tokenizer(), split, note);
  }

  private static RunTokenizer tokenizer(Path path, DataSettings d, Tokenizer given)
      throws IOException {
    if (given != null) {
      return new RunTokenizer(given, "the run's tokenizer");
    }
    if (d.hasTokenizerFile()) {
      return RunTokenizer.fromFile(Path.of(d.tokenizerFile()));
    }
    Path sidecar = TokenShard.tokenizerFile(path);
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
