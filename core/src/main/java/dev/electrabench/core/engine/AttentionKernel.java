package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;

/**
 * Multi-head self-attention on fused projections, as in {@code TransformerEncoderGraph}: per (row, head)
 * softmax(q·kᵀ/√d + mask bias)·v, with the heads' contexts concatenated in head order. Q, K and V are
 * the three column blocks of one [B·T, 3H] tensor; every per-head product is one GEMM on strided
 * sub-blocks of it (no copies), and the (row, head) blocks are split over the cores with OpenBLAS
 * single-threaded ({@link Blas#eachBlockSingleThreaded}). Probabilities are kept for the backward pass.
 */
final class AttentionKernel {
    private final int maxProbabilitySize;
    private int batch;
    private int seq;
    private final int heads;
    private final int headSize;
    private final int hidden;
    private final float scale;

    /** Sized for at most {@code maxBatch} rows of {@code maxSeq} tokens; {@link #shape} picks the batch's own. */
    AttentionKernel(int maxBatch, int maxSeq, int heads, int headSize) {
        this.batch = maxBatch;
        this.seq = maxSeq;
        this.heads = heads;
        this.headSize = headSize;
        this.hidden = heads * headSize;
        this.scale = (float) (1.0 / Math.sqrt(headSize));
        this.maxProbabilitySize = probabilitySize();
    }

    /**
     * The batch's shape (at most the constructed one): every tensor is then read and written as the dense
     * [b·t, ·] and [b, heads, t, t] prefix of its buffer.
     */
    void shape(int b, int t) {
        this.batch = b;
        this.seq = t;
    }

    /** Elements of the [B, heads, T, T] probability tensor at the current shape. */
    int probabilitySize() {
        return batch * heads * seq * seq;
    }

    /** Elements of the probability buffers to allocate (the constructed shape). */
    int maxProbabilitySize() {
        return maxProbabilitySize;
    }

    private long qOffset(int b, int h) {
        return (long) b * seq * 3 * hidden + (long) h * headSize;
    }

    private long ctxOffset(int b, int h) {
        return (long) b * seq * hidden + (long) h * headSize;
    }

    private long probOffset(int b, int h) {
        return ((long) b * heads + h) * seq * seq;
    }

    /**
     * @param qkv       [B·T, 3H] projections
     * @param maskBias  [B, T] additive key bias (0 for real tokens, −1e9 for padding)
     * @param probs     [B, heads, T, T] softmax output (written; the caller's dropout, if any, runs on a copy
     *                  between this and {@link #context})
     */
    void scoresAndSoftmax(FloatTensor qkv, FloatTensor maskBias, FloatTensor probs) {
        int ld = 3 * hidden;
        FloatBuffer p = probs.data();
        float[] bias = ThreadBuffers.floats(ThreadBuffers.SHARED, maskBias.size());
        maskBias.data().get(0, bias, 0, maskBias.size());
        // each block's softmax runs right after its GEMM, while the block is still in cache
        eachBlock((b, h) -> {
            long q = qOffset(b, h);
            long s = probOffset(b, h);
            Blas.gemm(false, true, seq, seq, headSize, scale, qkv, q, ld, qkv, q + hidden, ld, 0f, probs, s, seq);
            float[] row = ThreadBuffers.floats(0, seq);
            for (int r = 0; r < seq; r++) {
                int o = (int) s + r * seq;
                p.get(o, row, 0, seq);
                float max = ArrayMath.INSTANCE.addAndMax(row, bias, b * seq, seq);
                double sum = ArrayMath.INSTANCE.expShiftedSum(row, seq, max);
                ArrayMath.INSTANCE.scale(row, seq, (float) (1.0 / sum));
                p.put(o, row, 0, seq);
            }
        });
    }

    /** ctx [B·T, H] = probs·V per (row, head). */
    void context(FloatTensor qkv, FloatTensor probs, FloatTensor ctx) {
        int ld = 3 * hidden;
        eachBlock((b, h) -> Blas.gemm(false, false, seq, headSize, seq, 1f, probs, probOffset(b, h), seq, qkv,
                qOffset(b, h) + 2L * hidden, ld, 0f, ctx, ctxOffset(b, h), hidden));
    }

    /** dV and dP' (gradient w.r.t. the dropped probabilities, written to {@code dProbs}). */
    void backwardContext(FloatTensor qkv, FloatTensor dropped, FloatTensor dCtx, FloatTensor dProbs, FloatTensor dQkv) {
        int ld = 3 * hidden;
        eachBlock((b, h) -> {
            long v = qOffset(b, h) + 2L * hidden;
            long c = ctxOffset(b, h);
            long p = probOffset(b, h);
            Blas.gemm(false, true, seq, seq, headSize, 1f, dCtx, c, hidden, qkv, v, ld, 0f, dProbs, p, seq);
            Blas.gemm(true, false, seq, headSize, seq, 1f, dropped, p, seq, dCtx, c, hidden, 0f, dQkv, v, ld);
        });
    }

    /** Softmax backward in place on {@code dProbs} (dS = P ⊙ (dP − Σ dP⊙P)), then dQ and dK, block by block. */
    void backwardScores(FloatTensor qkv, FloatTensor probs, FloatTensor dProbs, FloatTensor dQkv) {
        FloatBuffer p = probs.data();
        FloatBuffer d = dProbs.data();
        int ld = 3 * hidden;
        eachBlock((b, h) -> {
            long q = qOffset(b, h);
            long k = q + hidden;
            long s = probOffset(b, h);
            float[] pRow = ThreadBuffers.floats(0, seq);
            float[] dRow = ThreadBuffers.floats(1, seq);
            for (int r = 0; r < seq; r++) {
                int o = (int) s + r * seq;
                p.get(o, pRow, 0, seq);
                d.get(o, dRow, 0, seq);
                ArrayMath.INSTANCE.softmaxBackward(dRow, pRow, seq, ArrayMath.INSTANCE.dot(dRow, pRow, seq));
                d.put(o, dRow, 0, seq);
            }
            Blas.gemm(false, false, seq, headSize, seq, scale, dProbs, s, seq, qkv, k, ld, 0f, dQkv, q, ld);
            Blas.gemm(true, false, seq, headSize, seq, scale, dProbs, s, seq, qkv, q, ld, 0f, dQkv, k, ld);
        });
    }

    /** One (row, head) block's work. */
    @FunctionalInterface
    private interface HeadBlock {
        void run(int b, int h);
    }

    /** Runs {@code body} on every (row, head) block, the blocks split over the cores. */
    private void eachBlock(HeadBlock body) {
        Blas.eachBlockSingleThreaded(batch * heads, (from, to) -> {
            for (int block = from; block < to; block++) {
                body.run(block / heads, block % heads);
            }
        });
    }
}
