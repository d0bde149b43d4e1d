/**
 * Models built from {@code nn} layers: {@code gpt} (autograd GPT), {@code encdec} (encoder-decoder)
 * and {@code handwritten} (explicit forward/backward on float[] buffers).
 *
 * <p>May import nn, optim, tensor, autograd, kernels and base.
 */
package org.tinyformer.models;
