/**
 * Synthetic sequence-to-sequence tasks (copy, reverse, sort, add, duplicate): seeded generators,
 * held-out and length-generalisation splits, batches for the encoder-decoder and the decoder-only
 * GPT, and the metrics (token, exact-sequence, per-position accuracy).
 *
 * <p>Independent of tensors: int arrays only. May import base and tokenizers (the task vocabulary
 * is a word tokenizer).
 */
package org.tinyformer.data.tasks;
