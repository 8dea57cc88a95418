package dev.electrabench.core.flops;

/**
 * FLOPs of BERT-style transformers exactly as google-research/electra {@code flops_computation.py}
 * counts them, including its quirks, so our "matched compute" equals the paper's:
 * <ul>
 *   <li>a matmul of m×k by k×n is 2·m·n·k; constants per element: dropout 4, layer norm 5, GELU 8, softmax 5;</li>
 *   <li>the attention-output layer norm is counted as 5 in total, not 5 per hidden unit (the script's slip);</li>
 *   <li>the input embedding lookup is a dense one-hot matmul (2·e·v per token) unless sparse;</li>
 *   <li>the MLM/LM output softmax runs on {@code outputFrac} of the positions;</li>
 *   <li>training = 2 × forward (backward = forward), see {@link BackwardConvention}.</li>
 * </ul>
 * All "per example" values are for one sequence of {@code seqLength} tokens.
 */
public final class FlopCounter {
    static final int DROPOUT_FLOPS = 4;
    static final int LAYER_NORM_FLOPS = 5;
    /** tanh-approximated GELU op count. */
    static final int ACTIVATION_FLOPS = 8;
    static final int SOFTMAX_FLOPS = 5;

    private FlopCounter() {}

    /** Forward FLOPs of one transformer block for one example. */
    public static double blockFlops(TransformerFlopsParams p) {
        long h = p.hidden();
        long s = p.seqLength();
        long heads = p.heads();
        long i = p.intermediateSize();
        long kqv = h; // the script's kqv projection width (heads × head size = h here)
        long perToken = 3 * 2 * h * kqv          // q, k, v projections
                + 3 * kqv                        // their biases
                + 2 * kqv * s                    // attention scores q·kᵀ
                + SOFTMAX_FLOPS * s * heads      // attention softmax
                + DROPOUT_FLOPS * s * heads      // attention-probability dropout
                + s * heads                      // 1/sqrt(d) scaling
                + 2 * h * s                      // probabilities × values
                + 2 * h * h                      // attention output dense
                + h                              // its bias
                + DROPOUT_FLOPS * h              // its dropout
                + h                              // residual
                + LAYER_NORM_FLOPS               // layer norm: 5, not 5h (kept from the script)
                + 2 * h * i                      // intermediate dense
                + ACTIVATION_FLOPS * i           // GELU
                + i                              // intermediate bias
                + 2 * h * i                      // output dense
                + h                              // its bias
                + DROPOUT_FLOPS * h              // its dropout
                + h                              // residual
                + LAYER_NORM_FLOPS * h;          // output layer norm
        return (double) perToken * s;
    }

    /** Forward FLOPs from token ids to the first block's input, for one example. */
    public static double inputEmbeddingFlops(TransformerFlopsParams p) {
        long h = p.hidden();
        long e = p.embeddingSize();
        long s = p.seqLength();
        long perToken = (p.sparseEmbedLookup() ? 0 : 2 * e * p.vocabSize()) // one-hot × word table
                + 2 * e * (s + 2)                // token-type and position "lookups" (as the script counts them)
                + 2 * e                          // adding them
                + LAYER_NORM_FLOPS * e
                + DROPOUT_FLOPS * e;
        if (e != h) {
            perToken += 2 * h * e + h;           // e→h projection and its bias
        }
        return (double) perToken * s;
    }

    /**
     * Forward FLOPs of the MLM/LM head (dense + GELU + layer norm, tied output matmul, softmax,
     * target pick), run on {@code outputFrac} of the positions, for one example.
     */
    public static double outputSoftmaxFlops(TransformerFlopsParams p) {
        long h = p.hidden();
        long e = p.embeddingSize();
        long v = p.vocabSize();
        long perToken = 2 * e * v                // hidden × embeddingᵀ (always dense)
                + 2 * h * e                      // h→e transform dense
                + e                              // its bias
                + ACTIVATION_FLOPS * e
                + LAYER_NORM_FLOPS * e
                + SOFTMAX_FLOPS * v
                + 2 * v;                         // picking the target word
        return p.outputFrac() * perToken * p.seqLength();
    }

    /** Forward FLOPs of a per-position binary head (ELECTRA's discriminator head), for one example. */
    public static double binaryHeadFlops(TransformerFlopsParams p) {
        long h = p.hidden();
        long perToken = 2 * h * h + h + ACTIVATION_FLOPS * h + 2 * h; // dense, bias, GELU, logit
        return (double) perToken * p.seqLength();
    }

    /**
     * Forward FLOPs of one pre-training example: blocks + input embedding + head (the binary head
     * if {@code discriminator}, else the MLM/LM output softmax).
     */
    public static double forwardFlops(TransformerFlopsParams p, boolean discriminator) {
        return p.layers() * blockFlops(p) + inputEmbeddingFlops(p)
                + (discriminator ? binaryHeadFlops(p) : outputSoftmaxFlops(p));
    }

    /** Inference FLOPs of one example on a classification task: the script's {@code get_infer_flops}. */
    public static double inferFlops(TransformerFlopsParams p) {
        return forwardFlops(p, true);
    }

    /** Paper-convention training FLOPs: the script's {@code get_train_flops} (2 × forward). */
    public static double trainFlops(TransformerFlopsParams p, long batchSize, long steps, boolean discriminator) {
        return trainFlops(p, batchSize, steps, discriminator, BackwardConvention.BACKWARD_EQUALS_FORWARD);
    }

    public static double trainFlops(TransformerFlopsParams p, long batchSize, long steps, boolean discriminator,
            BackwardConvention convention) {
        return (double) convention.forwardMultiple * batchSize * steps * forwardFlops(p, discriminator);
    }

    /** Training FLOPs with the 6·N·D-style convention: 3 × forward. */
    public static double trainFlops3x(TransformerFlopsParams p, long batchSize, long steps, boolean discriminator) {
        return trainFlops(p, batchSize, steps, discriminator, BackwardConvention.BACKWARD_TWICE_FORWARD);
    }

    /** BERT (MLM) pre-training FLOPs, paper convention. */
    public static double bertTrainFlops(TransformerFlopsParams p, long batchSize, long steps) {
        return trainFlops(p, batchSize, steps, false);
    }

    /**
     * ELECTRA's generator as the script sizes it: hidden {@code genHidden}, {@code genLayers} blocks,
     * default intermediate (4h) and heads, the discriminator's sequence length, vocabulary and output
     * fraction, and the discriminator's embedding size when embeddings are tied (else e = genHidden).
     */
    public static TransformerFlopsParams electraGenerator(TransformerFlopsParams disc, int genHidden, int genLayers,
            boolean tiedEmbeddings) {
        return TransformerFlopsParams.of(genHidden, genLayers, disc.seqLength(), disc.vocabSize(),
                        tiedEmbeddings ? disc.embeddingSize() : genHidden)
                .withOutputFrac(disc.outputFrac());
    }

    /** ELECTRA pre-training FLOPs = discriminator (binary head) + generator (MLM head). */
    public static double electraTrainFlops(TransformerFlopsParams disc, TransformerFlopsParams gen, long batchSize,
            long steps, BackwardConvention convention) {
        return trainFlops(disc, batchSize, steps, true, convention) + trainFlops(gen, batchSize, steps, false, convention);
    }

    public static double electraTrainFlops(TransformerFlopsParams disc, TransformerFlopsParams gen, long batchSize, long steps) {
        return electraTrainFlops(disc, gen, batchSize, steps, BackwardConvention.BACKWARD_EQUALS_FORWARD);
    }

    /**
     * The script's {@code get_electra_train_flops}: discriminator and generator with default
     * intermediate sizes and heads. Pass {@code embeddingSize = hDisc} for the script's default e.
     */
    public static double electraTrainFlops(int hDisc, int lDisc, int hGen, int lGen, long batchSize, long steps,
            boolean tiedEmbeddings, int embeddingSize, int seqLength, int vocabSize) {
        TransformerFlopsParams disc = TransformerFlopsParams.of(hDisc, lDisc, seqLength, vocabSize, embeddingSize);
        return electraTrainFlops(disc, electraGenerator(disc, hGen, lGen, tiedEmbeddings), batchSize, steps);
    }
}
