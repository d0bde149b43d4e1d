/**
 * Optimizers (AdamW, SGD), learning-rate schedules and gradient clipping over parameter tensors.
 *
 * <p>May import tensor, autograd, kernels and base.
 */
package org.tinyformer.optim;
