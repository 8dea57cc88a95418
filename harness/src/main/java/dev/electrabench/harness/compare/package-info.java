/**
 * The matched-compute ELECTRA vs BERT comparison ({@link dev.electrabench.harness.compare.EfficiencyComparison}):
 * its config, pre-training to a FLOP budget, the fine-tuning grid that {@code evaluate} shares
 * ({@link dev.electrabench.harness.compare.FineTuningGrid}) and the provenance of every row.
 */
package dev.electrabench.harness.compare;
