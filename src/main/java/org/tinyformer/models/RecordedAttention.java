package org.tinyformer.models;

import java.util.List;

/**
 * The attention weights of every attention layer of one forward pass, in the order the layers ran:
 * what {@link TrainableModel#recordAttention} returns. A GPT records one {@link
 * AttentionKind#DECODER} entry per layer; the encoder-decoder its encoder, decoder and cross
 * attentions. {@code RecordedAttention a = model.recordAttention(batch); a.get(CROSS, 1).head(0,
 * 0)}
 */
public record RecordedAttention(List<AttentionWeights> layers) {
  public RecordedAttention {
    layers = List.copyOf(layers);
  }

  /** The weights of one attention kind and layer; throws when that layer did not run. */
  public AttentionWeights get(AttentionKind kind, int layer) {
    for (AttentionWeights w : layers) {
      if (w.kind() == kind && w.layer() == layer) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "attention: no " + kind.label() + " weights recorded for layer " + layer);
  }

  /** Whether any layer of {@code kind} was recorded. */
  public boolean has(AttentionKind kind) {
    return layers.stream().anyMatch(w -> w.kind() == kind);
  }

  /** Layers of {@code kind} recorded. */
  public int numLayers(AttentionKind kind) {
    return (int) layers.stream().filter(w -> w.kind() == kind).count();
  }
}
