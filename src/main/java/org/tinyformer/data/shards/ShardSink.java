package org.tinyformer.data.shards;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.tinyformer.base.WriteErrors;
import org.tinyformer.data.TokenShardWriter;
import org.tinyformer.data.corpus.CorpusPosition;

/**
 * The single writer behind {@link Pretokenizer}: appends encoded pieces in corpus order, cuts
 * documents longer than {@code maxLength}, closes a shard when it holds {@code shardTokens} tokens
 * (its {@code .bin}, then its {@code .docs}, then the index naming both and the resume point).
 */
final class ShardSink {
  private final Path dir;
  private final long shardTokens;
  private final int maxLength;
  private final int vocabSize;
  private final PretokenizeProgress progress;
  private ShardIndex index;
  private TokenShardWriter writer;
  private int[] docStarts = new int[1024];
  private int docCount;
  private long inShard;
  private long written;
  private boolean atDocStart;
  private long docTokens;

  ShardSink(Path dir, ShardIndex index, PretokenizeProgress progress) {
    this.dir = dir;
    this.index = index;
    this.shardTokens = index.source().shardTokens();
    this.maxLength = index.source().maxLength();
    this.vocabSize = index.vocabSize();
    this.progress = progress;
    ShardIndex.Resume r = index.resume();
    this.atDocStart = r == null || r.atDocumentStart();
    this.docTokens = r == null ? 0 : r.documentTokens();
  }

  ShardIndex index() {
    return index;
  }

  /** Tokens written by this run (shards kept from an earlier run not counted). */
  long written() {
    return written;
  }

  /** Appends {@code e}'s ids from {@code skip} on; {@code start} is where its piece begins. */
  void write(DocumentEncoder.Encoded e, CorpusPosition start, int skip) throws IOException {
    int[] ids = e.ids();
    int[] ends = e.documentEnds();
    int pos = skip;
    int k = 0;
    while (k < ends.length && ends[k] < pos) {
      k++;
    }
    while (pos < ids.length || (k < ends.length && ends[k] == pos)) {
      int segmentEnd = k < ends.length ? ends[k] : ids.length;
      while (pos < segmentEnd) {
        if (atDocStart) {
          markDocumentStart();
        }
        openShard();
        long n = segmentEnd - pos;
        n = maxLength > 0 ? Math.min(n, maxLength - docTokens) : n;
        n = Math.min(n, shardTokens - inShard);
        writer.write(ids, pos, (int) n);
        pos += (int) n;
        inShard += n;
        written += n;
        docTokens += n;
        atDocStart = maxLength > 0 && docTokens == maxLength;
        if (inShard == shardTokens) {
          finishShard(
              new ShardIndex.Resume(
                  start.file(), start.offset(), start.line(), pos, docTokens, atDocStart));
        }
      }
      if (k < ends.length && ends[k] == pos) {
        atDocStart = true;
        k++;
      }
    }
  }

  private void openShard() throws IOException {
    if (writer == null) {
      writer = TokenShardWriter.create(dir.resolve(shardName()), vocabSize);
    }
  }

  private String shardName() {
    return String.format(Locale.ROOT, "shard-%05d.bin", index.shards().size());
  }

  private void markDocumentStart() throws IOException {
    openShard();
    if (docCount == docStarts.length) {
      docStarts = Arrays.copyOf(docStarts, docCount * 2);
    }
    docStarts[docCount++] = (int) inShard;
    atDocStart = false;
    docTokens = 0;
  }

  /** Closes the last, partial shard and marks the index complete. */
  void finish() throws IOException {
    if (inShard > 0) {
      finishShard(null);
    }
    index = index.completed();
    index.write(dir);
  }

  private void finishShard(ShardIndex.Resume next) throws IOException {
    ShardIndex.Shard shard = new ShardIndex.Shard(shardName(), inShard, docCount);
    writeDocuments(dir.resolve(shard.documentsFile()));
    writer.close();
    index = index.withShard(shard, next);
    index.write(dir);
    progress.shardFinished(index.shards().size() - 1, inShard);
    writer = null;
    inShard = 0;
    docCount = 0;
  }

  private void writeDocuments(Path path) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    ByteBuffer b = ByteBuffer.allocate(4 * docCount).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < docCount; i++) {
      b.putInt(docStarts[i]);
    }
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      b.flip();
      while (b.hasRemaining()) {
        ch.write(b);
      }
    } catch (IOException e) {
      throw WriteErrors.naming(path, e); // a full disk names the .docs file
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
