/**
 * What every kernel family shares: the thread pool ({@link
 * org.tinyformer.kernels.runtime.Parallel}) and chunk sizes ({@code Work}), Vector API detection
 * ({@link org.tinyformer.kernels.runtime.Simd}), argument checks ({@code KernelArgs}) and
 * tier-stable vector helpers ({@code VectorMath}, {@code VectorFunctions}).
 *
 * <p>Kernels live in the family packages beside this one ({@code gemm}, {@code attention}, {@code
 * norms}, {@code elementwise}); signatures follow llm.c (outputs and caches, then inputs and
 * weights, then dimensions; each backward below its forward, accumulating into gradients). May
 * import only {@code java.*} and {@code jdk.incubator.vector}.
 */
package org.tinyformer.kernels.runtime;
