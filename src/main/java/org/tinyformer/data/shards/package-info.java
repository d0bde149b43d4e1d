/**
 * Token shard directories: {@link org.tinyformer.data.shards.Pretokenizer} streams a corpus through
 * a tokenizer on all cores into fixed-size {@code shard-NNNNN.bin} files (the {@code tokens.bin}
 * format of {@link org.tinyformer.data.TokenShardHeader}) with their document starts and an {@code
 * index.json}; {@link org.tinyformer.data.shards.ShardDirectory} memory-maps them back as one token
 * stream split into training and validation documents.
 *
 * <p>Independent of tensors. May import tokenizers, base, data and data.corpus.
 */
package org.tinyformer.data.shards;
