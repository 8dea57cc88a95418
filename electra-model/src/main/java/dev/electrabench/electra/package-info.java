/**
 * ELECTRA's replaced-token detection (google-research/electra {@code run_pretraining.py}): the generator and
 * discriminator trained jointly, in one place. {@link dev.electrabench.electra.ReplacedTokenDetectionObjective}
 * holds both towers' parameters, FLOPs and checkpoints; the training step exists twice, as a SameDiff graph
 * ({@link dev.electrabench.electra.ReplacedTokenDetectionGraph}, Gumbel-max sampling) and on the eager engine
 * ({@link dev.electrabench.electra.ReplacedTokenDetectionEngine}, CDF-inversion sampling by
 * {@link dev.electrabench.electra.CategoricalSampler}), with the engine's discriminator head, its BCE
 * ({@link dev.electrabench.electra.BinaryCrossEntropyKernel}: the discriminator loss) and {@code disc_auc}.
 * Imports {@code core} only.
 */
package dev.electrabench.electra;
