/**
 * Kernels that touch each element on its own: {@link
 * org.tinyformer.kernels.elementwise.ElementwiseKernel} (add, mul, fused forms), GELU, SiLU, the
 * AdamW update, embedding lookup and rotary positions (RoPE).
 *
 * <p>Each keeps the trio {@code XKernel} (entry point: checks, aligned split, dispatch), {@code
 * XPlain} (the oracle and the fallback) and {@code XVector} (the Vector API path); embedding and
 * RoPE are plain loops only. Chunks start at multiples of {@code Work.ALIGN}, so results do not
 * depend on the thread count. May import only {@code java.*}, {@code jdk.incubator.vector} and
 * {@code kernels.runtime}.
 */
package org.tinyformer.kernels.elementwise;
