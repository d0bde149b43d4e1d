/**
 * The GPT with hand-written backpropagation, in the manner of llm.c's {@code train_gpt2.c}:
 * explicit forward and backward functions per layer on float[] buffers, the model's {@code
 * backward} being its {@code forward} read bottom-up. Same config, parameter names and layout as
 * {@code models.gpt.Gpt}.
 *
 * <p>May import nn, tensor, autograd, kernels and base.
 */
package org.tinyformer.models.handwritten;
