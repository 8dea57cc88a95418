package dev.electrabench.core.engine;

import dev.electrabench.core.config.TransformerConfig;
import java.nio.FloatBuffer;

/**
 * The encoder of {@code TransformerEncoderGraph.build} (embeddings, optional projection, L post-LN layers) for a
 * fixed batch and sequence length, forward and backward.
 */
public final class TransformerEncoderEngine {
    /** Dropout sites per layer (attention probabilities, attention output, FFN output). */
    private static final int SITES_PER_LAYER = 3;

    private final int maxBatch;
    private final int maxSeq;
    private final boolean training;
    private int rows;
    private final EmbeddingLayer embeddings;
    private final EncoderLayer[] layers;
    private final FloatTensor maskBias;
    private final FloatTensor dStream;
    private final EncoderLayer.Scratch scratch;

    /**
     * @param site first dropout site number of this tower (towers of one step need disjoint ranges: see
     *             {@link #siteCount})
     */
    public TransformerEncoderEngine(ParameterTensors t, TransformerConfig c, String embeddingsPrefix, String prefix, int batch, int seq,
                 long site, boolean training) {
        this.maxBatch = batch;
        this.maxSeq = seq;
        this.training = training;
        this.rows = batch * seq;
        this.embeddings = new EmbeddingLayer(t, c, embeddingsPrefix, prefix, batch, seq, site, training);
        this.layers = new EncoderLayer[c.numHiddenLayers];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new EncoderLayer(t, c, prefix + ".encoder.layer." + i + ".", batch, seq,
                    site + 1 + (long) SITES_PER_LAYER * i, training);
        }
        this.maskBias = FloatTensor.zeros(batch, seq);
        this.dStream = FloatTensor.zeros(rows, c.hiddenSize);
        this.scratch = EncoderLayer.Scratch.of(rows, c.hiddenSize, c.intermediateSize, layers[0].maxProbabilitySize());
    }

    public static long siteCount(TransformerConfig c) {
        return 1 + (long) SITES_PER_LAYER * c.numHiddenLayers;
    }

    /** The last hidden state [B·T, H]. All arrays are [B·T], row-major; kept by reference until backward. */
    public FloatTensor forward(int[] ids, int[] segments, int[] attentionMask, long stepSeed) {
        return forward(ids, segments, attentionMask, maxBatch, maxSeq, stepSeed, training);
    }

    /**
     * The same for a batch of {@code batch} rows of {@code seq} tokens, at most the constructed shape (the
     * arrays' first batch·seq values are read, the outputs' first batch·seq rows written): evaluation runs
     * each batch cut to its longest row in the buffers training allocated. {@code withDropout} needs an
     * engine constructed for training; false runs it as in evaluation.
     */
    public FloatTensor forward(int[] ids, int[] segments, int[] attentionMask, int batch, int seq, long stepSeed,
                               boolean withDropout) {
        if (batch > maxBatch || seq > maxSeq || batch < 1 || seq < 1) {
            throw new IllegalArgumentException("batch " + batch + " × " + seq + " outside the engine's " + maxBatch + " × " + maxSeq);
        }
        boolean dropout = withDropout && training;
        rows = batch * seq;
        embeddings.shape(batch, seq, dropout);
        for (EncoderLayer layer : layers) {
            layer.shape(batch, seq, dropout);
        }
        FloatBuffer bias = maskBias.data();
        for (int i = 0; i < rows; i++) {
            // as GraphOps.attentionBias: (1 − mask)·(−1e9)
            bias.put(i, (1f - attentionMask[i]) * -1e9f);
        }
        FloatTensor x = embeddings.forward(ids, segments, stepSeed);
        for (EncoderLayer layer : layers) {
            x = layer.forward(x, maskBias, stepSeed);
        }
        return x;
    }

    /**
     * The tensor to write the gradient w.r.t. the last hidden state into before {@link #backward}
     * (it is consumed by the backward pass).
     */
    public FloatTensor outputGradient() {
        return dStream;
    }

    /** Zeroes the embeddings block's gradients: call once per step before any backward pass that adds to them. */
    public void zeroEmbeddingGradients() {
        embeddings.zeroGradients();
    }

    /** Backward from {@link #outputGradient}; writes this tower's gradients, adds to the shared embeddings'. */
    public void backward() {
        for (int i = layers.length - 1; i >= 0; i--) {
            layers[i].backward(dStream, scratch);
        }
        embeddings.backward(dStream);
    }
}
