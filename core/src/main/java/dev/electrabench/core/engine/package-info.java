/**
 * The eager CPU engine's shared layers, with hand-written backward passes (llm.c style): the transformer
 * encoder ({@link dev.electrabench.core.engine.TransformerEncoderEngine}), the masked-LM head at the masked
 * slots ({@link dev.electrabench.core.engine.MaskedLmHeadEngine}) and their kernels. Each objective's own
 * engine step lives in its module ({@code bert.MaskedLmEngine}, {@code electra.ReplacedTokenDetectionEngine}).
 *
 * <p>Why: on the 2-core CPU a SameDiff step of BERT-tiny spends ~4× its GEMM time in per-op overhead and
 * slow broadcast backward ops. Here every activation and gradient buffer is allocated once for a fixed
 * (batch, sequence, config); matrix products go straight to OpenBLAS ({@code cblas_sgemm}) on those
 * buffers, everything else is a fused Java loop over {@code math}. Float32 only. Batches arrive typed
 * ({@link dev.electrabench.core.pretrain.MaskedBatch}), not as ND4J placeholders. The math equals the
 * graphs in {@code model} (tests compare loss and every gradient). Imports {@code math}, {@code config},
 * {@code model} (names and parameters) and {@code pretrain} (the batch type).
 */
package dev.electrabench.core.engine;
