package dev.electrabench.core.engine;

import dev.electrabench.core.config.TransformerConfig;
import java.nio.FloatBuffer;

/**
 * BERT/ELECTRA embeddings as in {@code TransformerEncoderGraph.build}: word[id] + position[t] + type[segment]
 * → LayerNorm → dropout → {@code embeddings_project} when this tower has one. The tables' gradients are
 * scatter-adds in row order (reproducible) and are always ADDED to the gradient tensors, because ELECTRA's
 * two towers and the tied MLM decoder share them: the step zeroes them first.
 */
final class EmbeddingLayer {
    private final int maxSeq;
    private int seq;
    private int rows;
    private boolean dropout; // this batch's (only a layer constructed for training has any)
    private final int width;
    private final double drop;
    private final long site;
    private final FloatTensor words;
    private final FloatTensor positions;
    private final FloatTensor types;
    private final FloatTensor dWords;
    private final FloatTensor dPositions;
    private final FloatTensor dTypes;
    private final LayerNormLayer norm;
    private final LinearWeights project;   // null when E == H or the family has none

    private final FloatTensor summed;
    private final FloatTensor normed;
    private final FloatTensor mask;
    private final FloatTensor projected;
    private final FloatTensor dNormed;
    private int[] ids;
    private int[] segments;

    EmbeddingLayer(ParameterTensors t, TransformerConfig c, String embeddingsPrefix, String prefix, int batch, int seq,
                   long site, boolean training) {
        this.maxSeq = seq;
        this.seq = seq;
        this.rows = batch * seq;
        this.dropout = training;
        this.width = c.embeddingSize();
        this.drop = training ? c.hiddenDropoutProb : 0.0;
        this.site = site;
        String ep = embeddingsPrefix + ".embeddings.";
        this.words = t.param(ep + "word_embeddings.weight");
        this.positions = t.param(ep + "position_embeddings.weight");
        this.types = t.param(ep + "token_type_embeddings.weight");
        this.dWords = t.grad(ep + "word_embeddings.weight");
        this.dPositions = t.grad(ep + "position_embeddings.weight");
        this.dTypes = t.grad(ep + "token_type_embeddings.weight");
        this.norm = new LayerNormLayer(LayerNormWeights.of(t, ep + "LayerNorm", c.layerNormEps), rows);
        this.project = t.contains(prefix + ".embeddings_project.weight") ? LinearWeights.of(t, prefix + ".embeddings_project") : null;
        this.summed = FloatTensor.zeros(rows, width);
        this.normed = FloatTensor.zeros(rows, width);
        this.mask = drop > 0 ? FloatTensor.zeros(rows, width) : null;
        this.projected = project != null ? FloatTensor.zeros(rows, c.hiddenSize) : null;
        this.dNormed = project != null ? FloatTensor.zeros(rows, width) : null;
    }

    /** The next batch's shape (at most the constructed one) and whether it uses dropout. */
    void shape(int batch, int seq, boolean withDropout) {
        this.seq = seq;
        this.rows = batch * seq;
        this.dropout = withDropout;
        norm.rows(rows);
    }

    /** The encoder input [B·T, H]; {@code ids} and {@code segments} are [B·T] and kept until backward. */
    FloatTensor forward(int[] ids, int[] segments, long stepSeed) {
        this.ids = ids;
        this.segments = segments;
        FloatBuffer s = summed.data();
        FloatBuffer w = words.data();
        FloatBuffer p = positions.data();
        FloatBuffer ty = types.data();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            int wo = ids[r] * width;
            int po = (r % seq) * width;
            int to = segments[r] * width;
            for (int j = 0; j < width; j++) {
                s.put(o + j, w.get(wo + j) + ty.get(to + j) + p.get(po + j));
            }
        }
        norm.forward(summed, normed);
        if (dropout && mask != null) {
            DropoutKernel.forwardRows(normed, mask, rows, width, width, seq, maxSeq, drop, stepSeed, site);
        }
        if (project == null) {
            return normed;
        }
        project.forward(normed, projected, rows);
        return projected;
    }

    /** Zeroes the shared gradients this layer adds to (the word table's includes the tied decoder's). */
    void zeroGradients() {
        dWords.fill(0f);
        dPositions.fill(0f);
        dTypes.fill(0f);
        norm.zeroGradients();
    }

    /** Consumes dOut (gradient w.r.t. the encoder input); adds into the shared tables' gradients. */
    void backward(FloatTensor dOut) {
        FloatTensor d = dOut;
        if (project != null) {
            project.backward(normed, dOut, dNormed, false, rows);
            d = dNormed;
        }
        if (dropout && mask != null) {
            DropoutKernel.backward(d, mask, rows * width);
        }
        norm.backward(d, summed, true);
        FloatBuffer g = summed.data();
        FloatBuffer dw = dWords.data();
        FloatBuffer dp = dPositions.data();
        FloatBuffer dt = dTypes.data();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            int wo = ids[r] * width;
            int po = (r % seq) * width;
            int to = segments[r] * width;
            for (int j = 0; j < width; j++) {
                float v = g.get(o + j);
                dw.put(wo + j, dw.get(wo + j) + v);
                dp.put(po + j, dp.get(po + j) + v);
                dt.put(to + j, dt.get(to + j) + v);
            }
        }
    }
}
