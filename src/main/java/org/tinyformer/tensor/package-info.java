/**
 * Dense float32 row-major tensors and their differentiable operations; each operation computes its
 * output through {@code kernels} and records its local chain rule for the autograd engine.
 *
 * <p>May import autograd, kernels and base.
 */
package org.tinyformer.tensor;
