package dev.electrabench.core.flops;

import dev.electrabench.core.config.TransformerConfig;

/**
 * The shape of a BERT-style transformer as far as FLOP counting is concerned
 * ({@code TransformerHparams} in google-research/electra {@code flops_computation.py}).
 *
 * @param hidden            h, hidden size
 * @param layers            l, transformer blocks
 * @param seqLength         s, tokens per example
 * @param vocabSize         v
 * @param embeddingSize     e (factorised embeddings; e != h adds an e→h projection)
 * @param intermediateSize  i, feed-forward width
 * @param heads             attention heads (only the O(s) softmax/dropout/scale terms depend on it)
 * @param outputFrac        fraction of positions that run the output softmax (MLM: 0.15625)
 * @param sparseEmbedLookup true = embedding lookup is free; the paper counts it as a dense one-hot matmul
 */
public record TransformerFlopsParams(int hidden, int layers, int seqLength, int vocabSize, int embeddingSize,
        int intermediateSize, int heads, double outputFrac, boolean sparseEmbedLookup) {

    /**
     * The script's default, applied whatever the sequence length: 0.15625 = 20/128, the share of
     * positions BERT predicts at length 128 with max_predictions_per_seq = 20.
     */
    public static final double DEFAULT_OUTPUT_FRAC = 0.15625;

    public TransformerFlopsParams {
        requirePositive("hidden", hidden);
        requirePositive("layers", layers);
        requirePositive("seqLength", seqLength);
        requirePositive("vocabSize", vocabSize);
        requirePositive("embeddingSize", embeddingSize);
        requirePositive("intermediateSize", intermediateSize);
        requirePositive("heads", heads);
        if (!(outputFrac >= 0 && outputFrac <= 1)) {
            throw new IllegalArgumentException("outputFrac must be in [0, 1], got " + outputFrac);
        }
    }

    /** The script's defaults: e = h, i = 4h, heads = max(h / 64, 1), output on 15.625% of positions. */
    public static TransformerFlopsParams of(int hidden, int layers, int seqLength, int vocabSize) {
        return of(hidden, layers, seqLength, vocabSize, hidden);
    }

    /** As {@link #of(int, int, int, int)} with a factorised embedding size. */
    public static TransformerFlopsParams of(int hidden, int layers, int seqLength, int vocabSize, int embeddingSize) {
        return new TransformerFlopsParams(hidden, layers, seqLength, vocabSize, embeddingSize,
                4 * hidden, defaultHeads(hidden), DEFAULT_OUTPUT_FRAC, false);
    }

    /**
     * The shape of a model we train or load: its own intermediate size and heads, the script's default
     * output fraction. The one conversion from a {@link TransformerConfig}.
     */
    public static TransformerFlopsParams of(TransformerConfig c, int seqLength) {
        return new TransformerFlopsParams(c.hiddenSize, c.numHiddenLayers, seqLength, c.vocabSize, c.embeddingSize(),
                c.intermediateSize, c.numAttentionHeads, DEFAULT_OUTPUT_FRAC, false);
    }

    /** {@code max(h // 64, 1)}: the script assumes 64-wide heads. */
    public static int defaultHeads(int hidden) {
        return Math.max(hidden / 64, 1);
    }

    public TransformerFlopsParams withIntermediateSize(int i) {
        return new TransformerFlopsParams(hidden, layers, seqLength, vocabSize, embeddingSize, i, heads, outputFrac, sparseEmbedLookup);
    }

    public TransformerFlopsParams withHeads(int h) {
        return new TransformerFlopsParams(hidden, layers, seqLength, vocabSize, embeddingSize, intermediateSize, h, outputFrac, sparseEmbedLookup);
    }

    public TransformerFlopsParams withOutputFrac(double frac) {
        return new TransformerFlopsParams(hidden, layers, seqLength, vocabSize, embeddingSize, intermediateSize, heads, frac, sparseEmbedLookup);
    }

    public TransformerFlopsParams withSparseEmbedLookup(boolean sparse) {
        return new TransformerFlopsParams(hidden, layers, seqLength, vocabSize, embeddingSize, intermediateSize, heads, outputFrac, sparse);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
