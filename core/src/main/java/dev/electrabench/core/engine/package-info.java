/**
 * An eager training engine with hand-written backward passes (llm.c style) for the pre-training models,
 * used instead of SameDiff's gradient function where it is supported (see {@code PretrainingObjective}).
 *
 * <p>Why: on the 2-core CPU a SameDiff step of BERT-tiny spends ~4× its GEMM time in per-op overhead and
 * slow broadcast backward ops. Here every activation and gradient buffer is allocated once for a fixed
 * (batch, sequence, config); matrix products go straight to OpenBLAS ({@code cblas_sgemm}) on those
 * buffers, everything else is a fused Java loop. Float32 only. The math equals the SameDiff graphs in
 * {@code core.model} (tests compare loss and every gradient against them).
 */
package dev.electrabench.core.engine;
