/**
 * The pre-training data pipeline, following google-research/electra's {@code build_pretraining_dataset.py}:
 * corpus readers that turn WikiExtractor / WikiText / plain-text files into ELECTRA's "one sentence per line,
 * blank line ends a document" stream ({@link dev.electrabench.core.pretrain.data.CorpusReader}), the
 * {@link dev.electrabench.core.pretrain.data.ExampleBuilder} that packs tokenized sentences into
 * {@code [CLS] A [SEP] B [SEP]} examples, a tokenize-once on-disk cache of those examples
 * ({@link dev.electrabench.core.pretrain.data.ShardCache}) and the seeded, resumable batch stream the
 * training loop reads ({@link dev.electrabench.core.pretrain.data.PretrainingDataset}). Dynamic masking of
 * the batches is {@link dev.electrabench.core.pretrain.Masker}.
 */
package dev.electrabench.core.pretrain.data;
