/**
 * Kernels on float[] buffers: GEMM, elementwise, softmax, norms, attention, with their backward
 * passes.
 *
 * <p>The only place with performance tricks (Vector API, blocking, threads); every fast kernel has
 * a plain twin that is its test oracle. Imports only {@code java.*} and {@code
 * jdk.incubator.vector}.
 *
 * <p>Each concept has three files: {@code XKernel} is the public entry point (argument checks,
 * parallel split over rows with {@link org.tinyformer.kernels.Parallel}, then the vector or plain
 * loop), {@code XPlain} the plain single-threaded twin, and the package-private {@code XVector}
 * holds the Vector API loops, loaded only when {@link org.tinyformer.kernels.Simd#AVAILABLE}.
 * Signatures follow llm.c: outputs and caches, then inputs and weights, then dimensions; each
 * {@code backward} sits below its {@code forward} and accumulates ({@code +=}) into gradients,
 * which may be null when not wanted. Parameter gradients are reduced by column blocks, so results
 * do not depend on the thread count.
 */
package org.tinyformer.kernels;
