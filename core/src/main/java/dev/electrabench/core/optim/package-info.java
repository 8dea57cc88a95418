/**
 * The optimizer of google-research/electra ({@code model/optimization.py}) on ND4J arrays:
 * {@link dev.electrabench.core.optim.AdamW} (Adam without bias correction, decoupled weight decay
 * with LayerNorm/bias exclusion, global-norm clipping, per-parameter LR multipliers), the
 * warmup × polynomial-decay {@link dev.electrabench.core.optim.LearningRateSchedule} and the
 * fine-tuning {@link dev.electrabench.core.optim.LayerwiseLrDecay}. SameDiff's own updaters cannot
 * express these (one global updater, no clipping, decay on every variable).
 */
package dev.electrabench.core.optim;
