/**
 * The BERT baseline: masked-language-model pre-training (no next-sentence prediction) on the shared encoder.
 * {@link dev.electrabench.bert.MaskedLmObjective} holds the model, FLOPs and checkpoints; the training step
 * exists as a SameDiff graph ({@link dev.electrabench.bert.MaskedLmGraph}) and on the eager engine
 * ({@link dev.electrabench.bert.MaskedLmEngine}). Imports {@code core} only.
 */
package dev.electrabench.bert;
