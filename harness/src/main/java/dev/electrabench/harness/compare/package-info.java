/**
 * The matched-compute ELECTRA vs BERT comparison ({@link dev.electrabench.harness.compare.EfficiencyComparison}):
 * its config, pre-training to a FLOP budget, the fine-tuning grid that {@code evaluate} shares
 * ({@link dev.electrabench.harness.compare.FineTuningGrid}), the provenance of every row, and the same run as a
 * graph of Slurm jobs ({@link dev.electrabench.harness.compare.SlurmGrid}).
 */
package dev.electrabench.harness.compare;
