/**
 * Tokenizers: character, word and byte-level BPE, behind one {@code Tokenizer} interface.
 *
 * <p>Independent of tensors. May import base.
 */
package org.tinyformer.tokenizers;
