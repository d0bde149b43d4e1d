package org.tinyformer.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinyformer.base.Checks;

/**
 * Word-level tokenizer: words (letters and digits, with inner apostrophes) and single punctuation
 * marks, with the specials {@code <pad> <bos> <eos> <unk>} at ids 0-3; unknown words map to {@code
 * <unk>}. Usage: {@code WordTokenizer.fit(lines, 1, 0).encode("hello , how are you ?")}.
 */
public final class WordTokenizer implements Tokenizer {
  public static final String PAD = "<pad>";
  public static final String BOS = "<bos>";
  public static final String EOS = "<eos>";
  public static final String UNK = "<unk>";
  public static final int PAD_ID = 0;
  public static final int BOS_ID = 1;
  public static final int EOS_ID = 2;
  public static final int UNK_ID = 3;
  private static final List<String> SPECIALS = List.of(PAD, BOS, EOS, UNK);

  /** A special token literal, a word, or one other non-space character. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "<pad>|<bos>|<eos>|<unk>|[\\p{L}\\p{M}\\p{N}]+(?:'[\\p{L}\\p{M}\\p{N}]+)*|\\S");

  private final List<String> tokens; // id -> token, specials first
  private final Map<String, Integer> ids = new HashMap<>();

  private WordTokenizer(List<String> tokens) {
    Checks.check(
        tokens.size() >= 4 && tokens.subList(0, 4).equals(SPECIALS),
        "word tokenizer: the first tokens must be %s, got %s",
        SPECIALS,
        tokens.subList(0, Math.min(4, tokens.size())));
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      Integer previous = ids.put(tokens.get(i), i);
      Checks.check(previous == null, "word tokenizer: token '%s' appears twice", tokens.get(i));
    }
  }

  /**
   * Builds the vocabulary from {@code corpus}: words seen at least {@code minCount} times, most
   * frequent first (ties alphabetical), at most {@code maxSize} ids in all (0: no limit).
   */
  public static WordTokenizer fit(Iterable<String> corpus, int minCount, int maxSize) {
    Checks.check(minCount >= 1, "word tokenizer: minCount must be >= 1, got %d", minCount);
    Checks.check(
        maxSize == 0 || maxSize > SPECIALS.size(),
        "word tokenizer: maxSize must be 0 (no limit) or > 4 (the specials), got %d",
        maxSize);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String text : corpus) {
      for (String word : split(text)) {
        if (!SPECIALS.contains(word)) {
          counts.merge(word, 1, Integer::sum);
        }
      }
    }
    List<String> words = new ArrayList<>();
    counts.forEach(
        (w, c) -> {
          if (c >= minCount) {
            words.add(w);
          }
        });
    words.sort(
        (a, b) -> {
          int byCount = Integer.compare(counts.get(b), counts.get(a));
          return byCount != 0 ? byCount : a.compareTo(b);
        });
    List<String> all = new ArrayList<>(SPECIALS);
    int limit = maxSize == 0 ? words.size() : Math.min(words.size(), maxSize - SPECIALS.size());
    all.addAll(words.subList(0, limit));
    return new WordTokenizer(all);
  }

  /** The words and punctuation marks of {@code text}, in order. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * A tokenizer over a fixed vocabulary, in id order, starting with {@code <pad> <bos> <eos> <unk>}
   * (e.g. a synthetic task's symbols).
   */
  public static WordTokenizer of(List<String> tokens) {
    return new WordTokenizer(tokens);
  }

  /** The ids of the words of {@code text} (no {@code <bos>}/{@code <eos>} added). */
  @Override
  public int[] encode(String text) {
    List<String> words = split(text);
    int[] out = new int[words.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.getOrDefault(words.get(i), UNK_ID);
    }
    return out;
  }

  /** The words joined by spaces, except before closing punctuation and after opening brackets. */
  @Override
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    String previous = null;
    for (int id : ids) {
      Checks.check(
          id >= 0 && id < tokens.size(),
          "word tokenizer: id %d is outside the vocabulary [0, %d)",
          id,
          tokens.size());
      String token = tokens.get(id);
      if (previous != null && !closes(token) && !opens(previous)) {
        sb.append(' ');
      }
      sb.append(token);
      previous = token;
    }
    return sb.toString();
  }

  private static boolean closes(String token) {
    return token.length() == 1 && ".,!?;:)]}%".indexOf(token.charAt(0)) >= 0;
  }

  private static boolean opens(String token) {
    return token.length() == 1 && "([{$#".indexOf(token.charAt(0)) >= 0;
  }

  @Override
  public int vocabSize() {
    return tokens.size();
  }

  @Override
  public Map<String, Integer> specialTokens() {
    return Map.of(PAD, PAD_ID, BOS, BOS_ID, EOS, EOS_ID, UNK, UNK_ID);
  }

  @Override
  public String type() {
    return "word";
  }

  /** The token with id {@code id}. */
  public String token(int id) {
    return tokens.get(id);
  }

  @Override
  public void save(Path path) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("type", type());
    tokens.forEach(root.putArray("tokens")::add);
    mapper.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), root);
  }

  /** Reads the JSON written by {@link #save(Path)}, already parsed by {@link Tokenizers}. */
  static WordTokenizer fromJson(JsonNode root, Path path) {
    JsonNode array = root.get("tokens");
    Checks.check(
        array != null && array.isArray(),
        "word tokenizer: %s has no \"tokens\" array; save it again with WordTokenizer.save",
        path);
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return new WordTokenizer(list);
  }
}
