package org.tinyformer.tokenizers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tinyformer.base.Checks;

/**
 * Byte-level BPE (GPT-2, Radford et al. 2019): text is split around special tokens, then into
 * chunks by a regex, each chunk's UTF-8 bytes are merged by rank. Chunk results are cached.
 *
 * <p>{@code var gpt2 = Gpt2BpeFiles.load(dir); int[] ids = gpt2.encode("hello world");}
 */
public final class BpeTokenizer implements Tokenizer {
  public static final String TYPE = "bpe";
  private static final int CACHE_LIMIT = 1 << 18;
  private static final int CACHED_CHUNK_LIMIT = 64;

  private final byte[][] vocab;
  private final int[] byteIds;
  private final BpeMerges merges;
  private final BpeSpecialTokens specials;
  private final PreTokenizer preTokenizer;
  private final boolean allowSpecial;
  private final ConcurrentHashMap<String, int[]> cache;

  /**
   * A tokenizer from the bytes of every id, the merges, the special tokens (text to id; their vocab
   * entries hold their UTF-8 text) and the pre-tokenizer. Special tokens are not allowed in {@link
   * #encode(String)} until {@link #withAllowSpecial} says so.
   */
  public BpeTokenizer(
      byte[][] vocab, BpeMerges merges, Map<String, Integer> specialTokens, PreTokenizer pre) {
    this(vocab.clone(), merges, new BpeSpecialTokens(specialTokens), pre, false, null);
    validate();
  }

  private BpeTokenizer(
      byte[][] vocab,
      BpeMerges merges,
      BpeSpecialTokens specials,
      PreTokenizer pre,
      boolean allowSpecial,
      ConcurrentHashMap<String, int[]> cache) {
    this.vocab = vocab;
    this.merges = merges;
    this.specials = specials;
    this.preTokenizer = pre;
    this.allowSpecial = allowSpecial;
    this.byteIds = byteIds(vocab, specials);
    this.cache = cache != null ? cache : new ConcurrentHashMap<>();
  }

  /** The same tokenizer with special-token text in input encoded as the token or as plain text. */
  public BpeTokenizer withAllowSpecial(boolean allow) {
    return new BpeTokenizer(vocab, merges, specials, preTokenizer, allow, cache);
  }

  /** Whether {@link #encode(String)} turns special-token text into special ids. */
  public boolean allowSpecial() {
    return allowSpecial;
  }

  private static int[] byteIds(byte[][] vocab, BpeSpecialTokens specials) {
    int[] ids = new int[256];
    Arrays.fill(ids, -1);
    for (int id = vocab.length - 1; id >= 0; id--) {
      if (vocab[id] != null && vocab[id].length == 1 && !specials.ids().containsValue(id)) {
        ids[vocab[id][0] & 0xFF] = id;
      }
    }
    for (int b = 0; b < 256; b++) {
      Checks.check(ids[b] >= 0, "bpe tokenizer: vocabulary has no token for byte %d", b);
    }
    return ids;
  }

  private void validate() {
    for (var e : specials.ids().entrySet()) {
      int id = e.getValue();
      Checks.check(
          id >= 0 && id < vocab.length,
          "bpe tokenizer: special token %s has id %d outside 0..%d",
          e.getKey(),
          id,
          vocab.length - 1);
      vocab[id] = e.getKey().getBytes(StandardCharsets.UTF_8);
    }
    for (int id = 0; id < vocab.length; id++) {
      Checks.check(vocab[id] != null, "bpe tokenizer: vocabulary has no token for id %d", id);
    }
    for (int r = 0; r < merges.size(); r++) {
      int a = merges.left(r);
      int b = merges.right(r);
      int m = merges.merged(r);
      Checks.check(
          a < vocab.length && b < vocab.length && m < vocab.length,
          "bpe tokenizer: merge %d uses an id outside 0..%d",
          r,
          vocab.length - 1);
      Checks.check(
          vocab[m].length == vocab[a].length + vocab[b].length,
          "bpe tokenizer: merge %d: token %d is not tokens %d and %d joined",
          r,
          m,
          a,
          b);
    }
  }

  @Override
  public int[] encode(String text) {
    return encode(text, allowSpecial);
  }

  /** Encodes with special-token text allowed (as special ids) or not (as plain text). */
  public int[] encode(String text, boolean allowSpecial) {
    IdBuffer out = new IdBuffer(text.length() / 3 + 8);
    for (BpeSpecialTokens.Piece piece : specials.split(text, allowSpecial)) {
      if (piece.special()) {
        out.add(piece.id());
      } else {
        preTokenizer.forEachChunk(piece.text(), chunk -> out.addAll(encodeChunk(chunk)));
      }
    }
    return out.toArray();
  }

  /** Encodes with special-token text treated as plain text (tiktoken's encode_ordinary). */
  public int[] encodeOrdinary(String text) {
    return encode(text, false);
  }

  /** Encodes one pre-tokenized chunk (no special tokens) through the cache. */
  int[] encodeChunk(String chunk) {
    int[] cached = cache.get(chunk);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > BpeLongChunk.SEGMENT) {
      return BpeLongChunk.merge(bytes, byteIds, merges);
    }
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = byteIds[bytes[i] & 0xFF];
    }
    int n = merges.apply(ids, ids.length);
    int[] result = n == ids.length ? ids : Arrays.copyOf(ids, n);
    if (chunk.length() <= CACHED_CHUNK_LIMIT) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(chunk, result);
    }
    return result;
  }

  /** Encodes many documents on {@code threads} threads; the result is in input order. */
  public List<int[]> encodeBatch(List<String> texts, int threads) {
    Checks.check(threads >= 1, "bpe encode: threads must be at least 1, got %d", threads);
    if (threads == 1 || texts.size() <= 1) {
      List<int[]> out = new ArrayList<>(texts.size());
      texts.forEach(t -> out.add(encode(t)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<int[]>> futures = new ArrayList<>(texts.size());
      for (String t : texts) {
        futures.add(pool.submit(() -> encode(t)));
      }
      List<int[]> out = new ArrayList<>(texts.size());
      for (Future<int[]> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bpe encode: interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Encodes one long text on {@code threads} threads, cut where the result cannot change (between
   * special tokens, and before spaces for the built-in patterns); same ids as {@link
   * #encode(String)}.
   */
  public int[] encodeParallel(String text, int threads) {
    List<String> parts = new ArrayList<>();
    List<Integer> specialIds = new ArrayList<>();
    int partLength = Math.max(1 << 14, text.length() / (threads * 8) + 1);
    for (BpeSpecialTokens.Piece piece : specials.split(text, allowSpecial)) {
      if (piece.special()) {
        parts.add(null);
        specialIds.add(piece.id());
      } else if (preTokenizer.splitsBeforeSpace()) {
        parts.addAll(BpeTextSplitter.split(piece.text(), partLength));
      } else {
        parts.add(piece.text());
      }
    }
    List<String> texts = parts.stream().map(p -> p == null ? "" : p).toList();
    List<int[]> encoded = withAllowSpecial(false).encodeBatch(texts, threads);
    IdBuffer out = new IdBuffer(text.length() / 3 + 8);
    int s = 0;
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) == null) {
        out.add(specialIds.get(s++));
      } else {
        out.addAll(encoded.get(i));
      }
    }
    return out.toArray();
  }

  @Override
  public String decode(int[] ids) {
    return new String(decodeBytes(ids), StandardCharsets.UTF_8);
  }

  /** The bytes of {@code ids} joined; {@link #decode} turns invalid UTF-8 into U+FFFD. */
  public byte[] decodeBytes(int[] ids) {
    int length = 0;
    for (int id : ids) {
      Checks.check(
          id >= 0 && id < vocab.length,
          "bpe decode: id %d out of range 0..%d",
          id,
          vocab.length - 1);
      length += vocab[id].length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (int id : ids) {
      System.arraycopy(vocab[id], 0, out, at, vocab[id].length);
      at += vocab[id].length;
    }
    return out;
  }

  /** The bytes of token {@code id} (a copy). */
  public byte[] tokenBytes(int id) {
    Checks.check(
        id >= 0 && id < vocab.length, "bpe: id %d out of range 0..%d", id, vocab.length - 1);
    return vocab[id].clone();
  }

  /** The id of byte value {@code b} (0..255). */
  public int byteId(int b) {
    return byteIds[b & 0xFF];
  }

  public BpeMerges merges() {
    return merges;
  }

  public PreTokenizer preTokenizer() {
    return preTokenizer;
  }

  @Override
  public int vocabSize() {
    return vocab.length;
  }

  @Override
  public Map<String, Integer> specialTokens() {
    return specials.ids();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void save(Path path) throws IOException {
    BpeJson.save(this, path);
  }

  /** A growable int array for the ids of one encode call. */
  private static final class IdBuffer {
    private int[] ids;
    private int size;

    IdBuffer(int capacity) {
      ids = new int[capacity];
    }

    void add(int id) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2 + 8);
      }
      ids[size++] = id;
    }

    void addAll(int[] more) {
      if (size + more.length > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(size * 2, size + more.length) + 8);
      }
      System.arraycopy(more, 0, ids, size, more.length);
      size += more.length;
    }

    int[] toArray() {
      return Arrays.copyOf(ids, size);
    }
  }
}
