/**
 * Formats: safetensors, checkpoint bundles, GPT-2 / Hugging Face layout import and export.
 *
 * <p>May import models, nn, optim, tensor, autograd, kernels, tokenizers, data and base.
 */
package org.tinyformer.io;
