package org.tinyformer.visualization;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.RecordedAttention;

/**
 * Turns recorded attention weights of one batch row into labelled {@link AttentionMap}s: one head,
 * the mean of heads, all heads of a layer, or one head across all layers.
 */
public final class AttentionMaps {
  private final String task;
  private final RecordedAttention recorder;
  private final int row;
  private final List<String> source;
  private final List<String> decoderIn;
  private final List<String> decoderOut;
  private final boolean decoderOnly;

  /**
   * {@code source}: encoder tokens; {@code decoderIn}: decoder input tokens (START first); {@code
   * decoderOut}: what each decoder position predicts (END last). Decoder-only models pass their
   * tokens as {@code decoderIn} and {@code decoderOut} and leave {@code source} empty.
   */
  public AttentionMaps(
      String task,
      RecordedAttention recorder,
      int row,
      List<String> source,
      List<String> decoderIn,
      List<String> decoderOut) {
    this(task, recorder, row, source, decoderIn, decoderOut, false);
  }

  /**
   * The self-attention of a decoder-only model (a GPT) over {@code tokens}, its prompt: maps whose
   * axes are query and key positions in the prompt.
   */
  public static AttentionMaps decoderOnly(
      String task, RecordedAttention recorder, int row, List<String> tokens) {
    return new AttentionMaps(task, recorder, row, List.of(), tokens, tokens, true);
  }

  private AttentionMaps(
      String task,
      RecordedAttention recorder,
      int row,
      List<String> source,
      List<String> decoderIn,
      List<String> decoderOut,
      boolean decoderOnly) {
    this.decoderOnly = decoderOnly;
    this.task = task;
    this.recorder = recorder;
    this.row = row;
    this.source = List.copyOf(source);
    this.decoderIn = List.copyOf(decoderIn);
    this.decoderOut = List.copyOf(decoderOut);
  }

  /** One head ({@link AttentionMap#MEAN_OF_HEADS} for the mean) of one layer. */
  public AttentionMap map(AttentionKind kind, int layer, int head) {
    AttentionWeights w = recorder.get(kind, layer);
    float[][] m = head == AttentionMap.MEAN_OF_HEADS ? w.meanOfHeads(row) : w.head(row, head);
    return new AttentionMap(task, kind, layer, head, queries(kind), keys(kind), m, decoderOnly);
  }

  /** Every head of one layer, in head order. */
  public List<AttentionMap> headsOfLayer(AttentionKind kind, int layer) {
    List<AttentionMap> out = new ArrayList<>();
    for (int h = 0; h < numHeads(kind); h++) {
      out.add(map(kind, layer, h));
    }
    return out;
  }

  /** One head (or the mean) in every layer, in layer order. */
  public List<AttentionMap> headAcrossLayers(AttentionKind kind, int head) {
    List<AttentionMap> out = new ArrayList<>();
    for (int l = 0; l < numLayers(kind); l++) {
      out.add(map(kind, l, head));
    }
    return out;
  }

  public int numLayers(AttentionKind kind) {
    return recorder.numLayers(kind);
  }

  /** Whether the model has attention of {@code kind} (a GPT has decoder self-attention only). */
  public boolean has(AttentionKind kind) {
    return recorder.has(kind);
  }

  public int numHeads(AttentionKind kind) {
    return recorder.get(kind, 0).NH();
  }

  private List<String> queries(AttentionKind kind) {
    return switch (kind) {
      case ENCODER -> source;
      case DECODER -> decoderIn;
      case CROSS -> decoderOut;
    };
  }

  private List<String> keys(AttentionKind kind) {
    return kind == AttentionKind.DECODER ? decoderIn : source;
  }
}
