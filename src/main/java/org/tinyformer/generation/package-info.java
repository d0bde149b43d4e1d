/**
 * Generation: samplers (greedy, temperature, top-k, top-p), KV-cached decoding, streaming output
 * and chat.
 *
 * <p>May import models, nn, tensor, autograd, kernels, tokenizers, data and base.
 */
package org.tinyformer.generation;
