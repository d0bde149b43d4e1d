/**
 * Training: one trainer for every model, YAML configs with presets and overrides, evaluation,
 * checkpoints, exact resume and JSONL logs.
 *
 * <p>May import models, nn, optim, tensor, autograd, kernels, tokenizers, data, io, generation,
 * visualization and base.
 */
package org.tinyformer.training;
