package org.tinyformer.models.gpt;

import org.tinyformer.models.GptConfig;

/**
 * Floating-point operations per token of a GPT at full context, counting a multiply-add as 2 (as in
 * the PaLM paper's appendix and nanoGPT's estimate_mfu): the matrix products of every layer,
 * attention's q k^T and weights x v over {@code contextLength} keys, and the output head. Norms,
 * softmax and activations are left out (well under 1%). Training is about 3x the forward.
 */
public record GptFlops(long attentionProjections, long attentionScores, long mlp, long head) {
  /** The counts of {@code config}. */
  public static GptFlops of(GptConfig config) {
    long c = config.embedDim();
    long h = config.mlpHiddenDim();
    long layers = config.numLayers();
    long projections = layers * 2 * (3 * c * c + c * c);
    long scores = layers * 2 * 2 * c * config.contextLength();
    long mlpMatrices = config.mlp() == GptConfig.MlpKind.GELU ? 2 : 3;
    long mlp = layers * 2 * mlpMatrices * c * h;
    long head = 2 * c * config.vocabSize();
    return new GptFlops(projections, scores, mlp, head);
  }

  /** Forward FLOPs per token. */
  public long forward() {
    return attentionProjections + attentionScores + mlp + head;
  }

  /** Forward and backward FLOPs per token (backward costs about twice the forward). */
  public long training() {
    return 3 * forward();
  }
}
