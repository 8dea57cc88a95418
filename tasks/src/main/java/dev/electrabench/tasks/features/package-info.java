/**
 * Featurization for fine-tuning (google-research/electra {@code finetune/*}{@code featurize}): examples of
 * each task family become fixed-length model rows {@code [CLS] ... [SEP] [PAD]...} with the family's
 * targets. {@link dev.electrabench.tasks.features.GlueFeaturizer} (sentence / sentence pair, HF
 * longest-first truncation, MRPC and STS-B training pairs doubled with the sentences swapped), {@link
 * dev.electrabench.tasks.features.ConllFeaturizer} (one sentence per row, the label on each word's first
 * sub-token, long sentences split into windows) and {@link dev.electrabench.tasks.features.SquadFeaturizer}
 * (BERT's sliding document windows with token → paragraph character offsets for the span decoder).
 */
package dev.electrabench.tasks.features;
