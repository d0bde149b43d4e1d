/**
 * The GPT language model on the autograd engine (nanoGPT's model.py in Java), with modern options.
 *
 * <p>May import nn, tensor, autograd, kernels and base.
 */
package org.tinyformer.models.gpt;
