/**
 * Data: text corpora, train/validation splits, batch sampling, synthetic tasks, token shards,
 * downloads.
 *
 * <p>Independent of tensors. May import tokenizers and base.
 */
package org.tinyformer.data;
