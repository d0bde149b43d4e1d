/**
 * Corpora read as a stream, never whole: plain text and JSONL files (gzip read transparently),
 * directories and globs of them, registry dataset names resolved through the download cache. A
 * {@link org.tinyformer.data.corpus.CorpusReader} yields bounded pieces that a pool of threads
 * decodes into documents; a piece's start position lets a later run resume exactly there.
 *
 * <p>Independent of tensors. May import tokenizers, base and data.download.
 */
package org.tinyformer.data.corpus;
