/**
 * The encoder-decoder transformer of "Attention Is All You Need" for sequence-to-sequence tasks:
 * encoder self-attention, decoder causal self-attention and cross-attention, greedy decoding with
 * an encoder cache, and the attention weights of every layer and head on request.
 *
 * <p>Builds on nn and tensor; imports nothing above models.
 */
package org.tinyformer.models.encdec;
