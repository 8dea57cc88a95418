/**
 * Compute accounting with the ELECTRA paper's FLOP convention (google-research/electra
 * {@code flops_computation.py}, quirks included), so that "matched compute" here means the same as
 * in the paper: per-example forward FLOPs of a BERT-style transformer, training FLOPs for BERT and
 * ELECTRA (discriminator + generator), and the paper's model presets.
 */
package dev.electrabench.core.flops;
