/**
 * Row-wise kernels that normalise: layer norm, RMS norm, softmax and the softmax cross-entropy
 * loss, each with its backward.
 *
 * <p>Each keeps the trio {@code XKernel} (entry point: checks, split over rows, dispatch), {@code
 * XPlain} (the oracle and the fallback) and {@code XVector} (the Vector API path). Parameter
 * gradients are reduced by column blocks, so results do not depend on the thread count. May import
 * only {@code java.*}, {@code jdk.incubator.vector} and {@code kernels.runtime}.
 */
package org.tinyformer.kernels.norms;
