/**
 * Hugging Face model directories in and out: {@code GPT2LMHeadModel} and {@code LlamaForCausalLM}
 * layouts ({@link org.tinyformer.io.hf.Gpt2Layout}, {@link org.tinyformer.io.hf.LlamaLayout}) read
 * by {@link org.tinyformer.io.hf.HfImport} into our models and written by {@link
 * org.tinyformer.io.hf.HfExport} from them; safetensors only (pickles are refused).
 *
 * <p>May import io, models, nn, tensor, tokenizers and base.
 */
package org.tinyformer.io.hf;
