/**
 * Kernels on float[] buffers: GEMM, elementwise, softmax, norms, attention, with their backward
 * passes.
 *
 * <p>The only place with performance tricks (Vector API, blocking, threads); every fast kernel has
 * a plain twin that is its test oracle. Imports only {@code java.*} and {@code
 * jdk.incubator.vector}.
 */
package org.tinyformer.kernels;
