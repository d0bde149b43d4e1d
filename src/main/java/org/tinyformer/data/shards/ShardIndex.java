package org.tinyformer.data.shards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tinyformer.base.WriteErrors;
import org.tinyformer.data.corpus.CorpusPosition;

/**
 * The {@code index.json} of a shard directory: what was tokenized (inputs, tokenizer digest,
 * settings), the finished shards in order with their token and document counts, where an
 * interrupted run resumes, and whether the corpus is complete. Rewritten atomically after every
 * finished shard.
 */
public record ShardIndex(
    String format,
    int version,
    Source source,
    String dtype,
    int vocabSize,
    int endOfText,
    List<Shard> shards,
    Resume resume,
    boolean complete) {
  public static final String FILE = "index.json";
  public static final String FORMAT = "tinyformer-token-shards";
  public static final int VERSION = 1;
  public static final String TOKENIZER_FILE = "tokenizer.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What a run tokenizes and how; a resumed run must have the same. */
  public record Source(
      List<Input> inputs,
      String tokenizerSha256,
      long shardTokens,
      int maxLength,
      String textField,
      boolean allowSpecial,
      String errors,
      int pieceBytes) {}

  /** An input file as it was when tokenized (size and modification time catch a changed file). */
  public record Input(String path, long bytes, long modifiedMillis) {}

  /** A finished shard: its file, tokens, and the documents that start in it. */
  public record Shard(String file, long tokens, long documents) {
    /** The document-starts file beside the shard: int32 little-endian token offsets. */
    public String documentsFile() {
      return file.replaceFirst("\\.bin$", ".docs");
    }
  }

  /**
   * Where the next shard's first token comes from: the piece starting at {@code position}, after
   * {@code skip} of its ids, with {@code documentTokens} of the current document already written
   * and whether the next token starts a document.
   */
  public record Resume(
      int file, long offset, long line, long skip, long documentTokens, boolean atDocumentStart) {
    public CorpusPosition position() {
      return new CorpusPosition(file, offset, line);
    }
  }

  /** Total tokens over the shards. */
  public long tokens() {
    return shards.stream().mapToLong(Shard::tokens).sum();
  }

  /** Total documents over the shards. */
  public long documents() {
    return shards.stream().mapToLong(Shard::documents).sum();
  }

  /** This index with one more finished shard and a new resume point. */
  ShardIndex withShard(Shard shard, Resume next) {
    List<Shard> all = new ArrayList<>(shards);
    all.add(shard);
    return new ShardIndex(
        format, version, source, dtype, vocabSize, endOfText, List.copyOf(all), next, false);
  }

  ShardIndex completed() {
    return new ShardIndex(format, version, source, dtype, vocabSize, endOfText, shards, null, true);
  }

  /** Whether {@code dir} holds an index file. */
  public static boolean isShardDirectory(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(FILE));
  }

  /** Reads {@code dir/index.json}. */
  public static ShardIndex read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    ShardIndex index;
    try {
      index = JSON.readValue(file.toFile(), ShardIndex.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "shard index " + file + ": not a valid index (" + e.getOriginalMessage() + ")");
    }
    if (index == null || !FORMAT.equals(index.format()) || index.version() != VERSION) {
      throw new IllegalArgumentException(
          String.format(
              "shard index %s: expected format %s version %d, got %s version %d",
              file,
              FORMAT,
              VERSION,
              index == null ? null : index.format(),
              index == null ? 0 : index.version()));
    }
    return index;
  }

  /**
   * Writes {@code dir/index.json} through a temporary file and an atomic rename; a failed write (a
   * full disk) names the index.
   */
  void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    WriteErrors.writing(dir.resolve(FILE), () -> JSON.writeValue(tmp.toFile(), this));
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }
}
