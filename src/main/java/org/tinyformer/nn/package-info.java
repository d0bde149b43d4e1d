/**
 * Neural-network modules with named parameters: Linear, Embedding, LayerNorm, attention, MLP,
 * blocks.
 *
 * <p>May import tensor, autograd, kernels and base.
 */
package org.tinyformer.nn;
