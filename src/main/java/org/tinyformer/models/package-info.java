/**
 * Models: the contracts every model family shares ({@link org.tinyformer.models.TrainableModel},
 * {@link org.tinyformer.models.LanguageModel}, {@link org.tinyformer.models.GptConfig}, the
 * recorded attention weights) here, the families below: {@code gpt} (autograd GPT), {@code encdec}
 * (encoder-decoder) and {@code handwritten} (explicit forward/backward on float[] buffers).
 *
 * <p>May import nn, optim, tensor, autograd, kernels, data (batches) and base. This package imports
 * none of its subpackages; each subpackage imports it.
 */
package org.tinyformer.models;
