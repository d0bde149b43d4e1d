/**
 * Matrix products on row-major float[] slices: {@link org.tinyformer.kernels.gemm.GemmKernel} (c =
 * op(a) · op(b) in the layouts NN, TN, NT), the linear layer's forward and backward ({@link
 * org.tinyformer.kernels.gemm.MatmulKernel}), and the one-row products of decoding ({@link
 * org.tinyformer.kernels.gemm.GemvKernel}, {@link org.tinyformer.kernels.gemm.PanelGemvKernel}).
 *
 * <p>Each concept keeps the trio {@code XKernel} (entry point: checks, split, dispatch), {@code
 * XPlain} (the oracle) and {@code XVector} (the Vector API path, with its parts {@code
 * GemmVectorTiles}, {@code GemmVectorColumns}, {@code GemmVectorPacking}). GEMM also has {@code
 * GemmFallback}: blocked plain-Java loops for when the Vector API is off, faster than the oracle.
 * {@code GemmSpeed} measures GFLOP/s for {@code tinyformer selfcheck}. May import only {@code
 * java.*}, {@code jdk.incubator.vector}, {@code kernels.runtime} and {@code kernels.elementwise}.
 */
package org.tinyformer.kernels.gemm;
