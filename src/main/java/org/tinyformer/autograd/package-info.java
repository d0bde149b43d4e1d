/**
 * The reverse-mode autograd engine: graph nodes, the backward pass by iterative topological sort,
 * and the no-grad scope. It knows nothing of tensors: {@code tensor} builds on it, so that {@code
 * loss.backward()} can live on the tensor itself as in PyTorch (the one place where we order the
 * layers differently from the style guide's list, on purpose).
 *
 * <p>May import kernels and base.
 */
package org.tinyformer.autograd;
