/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}) for every parser a user or a downloaded
 * file can feed: tokenizer files, BPE encode/decode, safetensors, checkpoints, token shards, YAML
 * configs and {@code --set}. {@code mvn verify} replays the committed corpus under {@code
 * src/test/resources/org/tinyformer/fuzz/*Inputs}; {@code scripts/fuzz.sh TARGET SECONDS} fuzzes.
 */
package org.tinyformer.fuzz;
