/**
 * What ELECTRA and the BERT baseline share. Leaf first: {@code math} (numerics; imports nothing of the
 * project), {@code io}, {@code config}, {@code text}, {@code flops}; then the model in its two
 * implementations, {@code model} (SameDiff graph: encoder, heads, HF architectures) and {@code engine} (the
 * eager CPU encoder and MLM head with hand-written backward); {@code checkpoint} (HF folders), {@code optim}
 * (AdamW, schedules), {@code train} (one training step over either gradient source), {@code pretrain}
 * (masking, the loop both objectives share, its checkpoints, the data pipeline) and {@code runtime} (ND4J
 * and BLAS set-up, progress). Each objective's own code lives in its module ({@code bert}, {@code electra});
 * core imports neither. The package graph has no cycles ({@code ArchitectureTest}).
 */
package dev.electrabench.core;
