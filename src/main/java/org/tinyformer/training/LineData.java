package org.tinyformer.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.Padding;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Separate examples, one per line (a sentence, a question and its answer), as the seed notebook
 * trains: each line is wrapped in {@code <bos>}/{@code <eos>}, a batch draws lines at random and
 * pads them to its own longest (dynamic padding: inputs with {@code <pad>}, targets with {@link
 * Padding#IGNORE_INDEX}, which the loss skips), so the model learns where a line ends and
 * generation stops there. {@code path} is a UTF-8 file, or {@code builtin:NAME} for a small set
 * shipped in the jar ({@code builtin:sentences}, {@code builtin:tiny-qa}).
 */
public final class LineData implements TrainingData {
  /** The prefix of a data path that names a set shipped in the jar. */
  public static final String BUILTIN = "builtin:";

  private final String source;
  private final Tokenizer tokenizer;
  private final List<int[]> train; // each line: <bos> ids <eos>
  private final List<int[]> val;
  private final boolean valIsTrain;
  private final String note;

  private LineData(
      String source, Tokenizer tokenizer, List<int[]> train, List<int[]> val, String note) {
    this.source = source;
    this.tokenizer = tokenizer;
    this.train = train;
    this.valIsTrain = val.isEmpty();
    this.val = valIsTrain ? train : val;
    this.note = note;
  }

  /**
   * Reads the lines of {@code d.path()} (blank lines skipped), tokenizes them with {@code
   * tokenizer} when not null (a checkpoint's), else with the tokenizer {@code d} names, and holds
   * out the last {@code val_fraction} of the lines; a set too small to spare a line is evaluated on
   * its training lines, and says so.
   */
  public static LineData load(DataSettings d, Tokenizer tokenizer) throws IOException {
    String text = read(d.path());
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("data: " + d.path() + " has no non-blank lines");
    }
    RunTokenizer t = RunTokenizer.forText(d, String.join("\n", lines), tokenizer);
    Map<String, Integer> special = t.tokenizer().specialTokens();
    for (String name : List.of("<pad>", "<bos>", "<eos>")) {
      if (!special.containsKey(name)) {
        throw new IllegalArgumentException(
            "data: data.kind lines wraps each line in <bos>/<eos> and pads with <pad>, but the "
                + t.tokenizer().type()
                + " tokenizer has no "
                + name
                + "; set data.tokenizer=word");
      }
    }
    List<int[]> examples = new ArrayList<>();
    for (String line : lines) {
      int[] words = t.tokenizer().encode(line);
      int[] ids = new int[words.length + 2];
      ids[0] = special.get("<bos>");
      System.arraycopy(words, 0, ids, 1, words.length);
      ids[ids.length - 1] = special.get("<eos>");
      examples.add(ids);
    }
    int held = (int) Math.floor(examples.size() * d.valFraction());
    List<int[]> train = examples.subList(0, examples.size() - held);
    List<int[]> val = examples.subList(examples.size() - held, examples.size());
    return new LineData(d.path(), t.tokenizer(), train, val, t.note());
  }

  private static String read(String path) throws IOException {
    if (path.startsWith(BUILTIN)) {
      String name = path.substring(BUILTIN.length());
      try (InputStream in = LineData.class.getResourceAsStream("/data/" + name + ".txt")) {
        if (in == null) {
          throw new IllegalArgumentException(
              "data: no built-in data set '" + name + "'; built in: sentences, tiny-qa");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "data: file not found: " + path + " (pass a UTF-8 file with one example per line)");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Inputs are a line without its last token: the longest line minus one. */
  @Override
  public int sequenceLength(int contextLength) {
    int longest = Math.max(Padding.longest(train), Padding.longest(val)) - 1;
    if (longest > contextLength) {
      throw new IllegalArgumentException(
          String.format(
              "data: the longest line of %s has %d tokens with <bos>, more than context_length"
                  + " + 1 = %d; raise model.context_length",
              source, longest + 1, contextLength + 1));
    }
    return longest;
  }

  @Override
  public BatchSource trainBatches(int batchSize, int contextLength, long seed) {
    sequenceLength(contextLength);
    return new LineSampler(train, batchSize, seed);
  }

  @Override
  public BatchSource evalBatches(boolean validation, int batchSize, int contextLength, long seed) {
    sequenceLength(contextLength);
    return new LineSampler(validation ? val : train, batchSize, seed);
  }

  @Override
  public String describe() {
    return String.format(
        "%s: %d train + %d val lines, each <bos> ... <eos>, padded per batch; %s tokenizer with"
            + " %d ids (%s)%s",
        source,
        train.size(),
        valIsTrain ? 0 : val.size(),
        tokenizer.type(),
        tokenizer.vocabSize(),
        note,
        valIsTrain ? "; too few lines to hold any out, so validation uses the training lines" : "");
  }

  /** Random lines, {@code batchSize} at a time, padded to the batch's longest; seeded. */
  private final class LineSampler implements BatchSource {
    private final List<int[]> lines;
    private final int batchSize;
    private final Rng rng;

    LineSampler(List<int[]> lines, int batchSize, long seed) {
      this.lines = lines;
      this.batchSize = batchSize;
      this.rng = new Rng(seed);
    }

    @Override
    public Batch next() {
      List<int[]> picked = new ArrayList<>(batchSize);
      for (int b = 0; b < batchSize; b++) {
        picked.add(lines.get(rng.nextInt(lines.size())));
      }
      return Padding.shifted(picked, tokenizer.specialTokens().get("<pad>"));
    }

    @Override
    public long[] state() {
      return rng.state();
    }

    @Override
    public void restore(long[] state) {
      rng.setState(state);
    }
  }
}
