package org.tinyformer.models.encdec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the weights of every attention during one forward pass, when the model is asked to
 * ({@link EncoderDecoder#recordAttention}); each attention layer adds one {@link AttentionWeights}.
 */
public final class AttentionRecorder {
  private final List<AttentionWeights> recorded = new ArrayList<>();

  /** A recorder holding already computed weights (e.g. a GPT's layers, kind DECODER). */
  public static AttentionRecorder of(List<AttentionWeights> weights) {
    AttentionRecorder r = new AttentionRecorder();
    r.recorded.addAll(weights);
    return r;
  }

  /** A one-element holder that an attention call fills with its weights (B, NH, Tq, Tk). */
  float[][] slot() {
    return new float[1][];
  }

  /** Stores what an attention call wrote into {@code slot}. */
  void add(AttentionKind kind, int layer, float[][] slot, int B, int NH, int Tq, int Tk) {
    recorded.add(new AttentionWeights(kind, layer, B, NH, Tq, Tk, slot[0]));
  }

  /** Everything recorded, in the order the layers ran. */
  public List<AttentionWeights> all() {
    return List.copyOf(recorded);
  }

  /** The weights of one attention kind and layer; throws when that layer did not run. */
  public AttentionWeights get(AttentionKind kind, int layer) {
    for (AttentionWeights w : recorded) {
      if (w.kind() == kind && w.layer() == layer) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "attention: no " + kind.label() + " weights recorded for layer " + layer);
  }
}
