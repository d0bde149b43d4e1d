/**
 * Scaled dot-product attention on packed qkv buffers: {@link
 * org.tinyformer.kernels.attention.AttentionKernel} (training: forward and backward over (batch,
 * head) pairs, causal or not) and {@link org.tinyformer.kernels.attention.DecodeAttentionKernel}
 * (one query row against a KV cache).
 *
 * <p>Each keeps the trio {@code XKernel} (entry point), {@code XPlain} (the oracle) and {@code
 * XVector} (the Vector API path; {@code AttentionVectorCausal} is its register-blocked causal
 * part). May import only {@code java.*}, {@code jdk.incubator.vector}, {@code kernels.runtime},
 * {@code kernels.gemm} (the per-head products) and {@code kernels.norms} (the softmax rows).
 */
package org.tinyformer.kernels.attention;
