package dev.electrabench.core.flops;

/**
 * Matrix-multiply FLOPs one training step executes: the numerator of model-FLOP utilisation (MFU), to divide
 * by a measured sgemm rate. Unlike {@link FlopCounter}'s paper convention it counts only matmuls, as
 * executed: embedding lookups are free, the vocabulary projection runs only at the masked slots, and
 * training = 3 × forward (the backward pass multiplies twice per forward product). It is the FLOP model of
 * {@code ../shared/bench/torch_reference.py}, so our MFU and PyTorch's compare like with like.
 */
public final class MatmulFlops {
    private MatmulFlops() {}

    /**
     * One encoder (embedding projection + L blocks), training, for {@code batch} sequences of
     * {@code seq} tokens: linear layers 6·N·L·(4h² + 2hf), attention 12·L·S²·h·B, projection 6·N·e·h if e ≠ h.
     */
    public static double encoder(long batch, long seq, long layers, long hidden, long intermediate, long embedding) {
        double tokens = (double) batch * seq;
        double linear = 6 * tokens * layers * (4 * hidden * hidden + 2 * hidden * intermediate);
        double attention = 12.0 * layers * seq * seq * hidden * batch;
        double projection = embedding != hidden ? 6 * tokens * embedding * hidden : 0;
        return linear + attention + projection;
    }

    /** The masked-LM head at {@code slots} positions: dense h→e, then the tied e→V decoder. */
    public static double maskedLmHead(long slots, long hidden, long embedding, long vocab) {
        return 6.0 * slots * (hidden * embedding + embedding * vocab);
    }

    /** The ELECTRA discriminator head at every token: dense h→h, then h→1. */
    public static double discriminatorHead(long tokens, long hidden) {
        return 6.0 * tokens * (hidden * hidden + hidden);
    }
}
