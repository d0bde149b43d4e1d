package org.tinyformer.data.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.Padding;

/**
 * Lays task examples out for the two architectures. Encoder-decoder: a {@link Batch} with the
 * source (B, S) padded with PAD, decoder inputs {@code START target} and targets {@code target END}
 * (padding ignored). Decoder-only GPT: one sequence {@code START source SEP target END}, loss only
 * on {@code target END} (the rest of the targets are {@link Padding#IGNORE_INDEX}); generation
 * starts from {@link #decoderOnlyPrompt}. Usage: {@code TaskBatches.training(splits, 32, seed,
 * false, false).next()}.
 */
public final class TaskBatches {
  private TaskBatches() {}

  /** {@code examples} as one padded encoder-decoder batch, sources as they are. */
  public static Batch seq2seq(List<TaskExample> examples) {
    return seq2seq(examples, false);
  }

  /** The encoder's input for {@code source}: the source, then END when {@code sourceEnd}. */
  public static int[] encoderInput(int[] source, boolean sourceEnd) {
    if (!sourceEnd) {
      return source.clone();
    }
    int[] out = Arrays.copyOf(source, source.length + 1);
    out[source.length] = TaskVocabulary.END;
    return out;
  }

  /**
   * {@code examples} as one padded encoder-decoder batch; with {@code sourceEnd} every source ends
   * with END (as fairseq marks the end of a source), so the decoder can find its last token.
   */
  public static Batch seq2seq(List<TaskExample> examples, boolean sourceEnd) {
    Checks.check(!examples.isEmpty(), "task batches: expected examples, got none");
    int B = examples.size();
    int S = 0;
    int T = 0;
    for (TaskExample e : examples) {
      S = Math.max(S, e.source().length + (sourceEnd ? 1 : 0));
      T = Math.max(T, e.target().length + 1);
    }
    int[] source = new int[B * S]; // (B, S), PAD = 0
    int[] input = new int[B * T]; // (B, T), PAD = 0
    int[] target = new int[B * T]; // (B, T)
    Arrays.fill(target, Padding.IGNORE_INDEX);
    for (int b = 0; b < B; b++) {
      TaskExample e = examples.get(b);
      int[] encoderIn = encoderInput(e.source(), sourceEnd);
      System.arraycopy(encoderIn, 0, source, b * S, encoderIn.length);
      int n = e.target().length;
      input[b * T] = TaskVocabulary.START;
      System.arraycopy(e.target(), 0, input, b * T + 1, n);
      System.arraycopy(e.target(), 0, target, b * T, n);
      target[b * T + n] = TaskVocabulary.END;
    }
    return new Batch(input, target, B, T, source, S);
  }

  /** The whole decoder-only sequence {@code START source SEP target END}. */
  public static int[] decoderOnlySequence(TaskExample e) {
    int[] prompt = decoderOnlyPrompt(e.source());
    int[] seq = Arrays.copyOf(prompt, prompt.length + e.target().length + 1);
    System.arraycopy(e.target(), 0, seq, prompt.length, e.target().length);
    seq[seq.length - 1] = TaskVocabulary.END;
    return seq;
  }

  /** The decoder-only prompt {@code START source SEP}; the model continues with the target. */
  public static int[] decoderOnlyPrompt(int[] source) {
    int[] prompt = new int[source.length + 2];
    prompt[0] = TaskVocabulary.START;
    System.arraycopy(source, 0, prompt, 1, source.length);
    prompt[prompt.length - 1] = TaskVocabulary.SEP;
    return prompt;
  }

  /** {@code examples} as one padded decoder-only batch, loss on the target and END only. */
  public static Batch decoderOnly(List<TaskExample> examples) {
    List<int[]> sequences = new ArrayList<>(examples.size());
    for (TaskExample e : examples) {
      sequences.add(decoderOnlySequence(e));
    }
    Batch batch = Padding.shifted(sequences, TaskVocabulary.PAD);
    int T = batch.length();
    int[] targets = batch.targets();
    for (int b = 0; b < examples.size(); b++) {
      int promptLength = examples.get(b).source().length + 2;
      // target t predicts token t + 1: mask the source and SEP predictions
      Arrays.fill(targets, b * T, b * T + promptLength - 1, Padding.IGNORE_INDEX);
    }
    return batch;
  }

  /**
   * {@code examples} laid out for the encoder-decoder ({@code encoderDecoder}, sources ending with
   * END when {@code sourceEnd}) or the decoder-only GPT.
   */
  public static Batch of(List<TaskExample> examples, boolean encoderDecoder, boolean sourceEnd) {
    return encoderDecoder ? seq2seq(examples, sourceEnd) : decoderOnly(examples);
  }

  /**
   * The prompts greedy decoding continues for {@code sources}: the encoder-decoder reads each
   * source (padded) and starts its decoder at START; the decoder-only GPT continues {@code START
   * source SEP}, so its sources must have equal lengths.
   */
  public static Batch prompts(List<int[]> sources, boolean encoderDecoder, boolean sourceEnd) {
    Checks.check(!sources.isEmpty(), "task batches: expected sources, got none");
    int B = sources.size();
    if (encoderDecoder) {
      List<int[]> inputs = sources.stream().map(s -> encoderInput(s, sourceEnd)).toList();
      int S = Padding.longest(inputs);
      int[] start = new int[B]; // (B, 1)
      Arrays.fill(start, TaskVocabulary.START);
      return new Batch(start, new int[B], B, 1, Padding.pad(inputs, TaskVocabulary.PAD), S);
    }
    int P = sources.get(0).length + 2;
    int[] prompts = new int[B * P]; // (B, P)
    for (int b = 0; b < B; b++) {
      Checks.check(
          sources.get(b).length + 2 == P,
          "task batches: decoder-only prompts must have equal lengths, got %d and %d",
          P - 2,
          sources.get(b).length);
      System.arraycopy(decoderOnlyPrompt(sources.get(b)), 0, prompts, b * P, P);
    }
    return new Batch(prompts, new int[B * P], B, P);
  }

  /** Endless training batches in the layout of {@link #of}; the position is the Rng state. */
  public static BatchSource training(
      TaskSplits splits, int batchSize, long seed, boolean encoderDecoder, boolean sourceEnd) {
    Checks.check(batchSize > 0, "task batches: batchSize must be positive, got %d", batchSize);
    Rng rng = new Rng(seed);
    return new BatchSource() {
      @Override
      public Batch next() {
        return of(splits.sampleTraining(rng, batchSize), encoderDecoder, sourceEnd);
      }

      @Override
      public long[] state() {
        return rng.state();
      }

      @Override
      public void restore(long[] state) {
        rng.setState(state);
      }
    };
  }
}
