package dev.electrabench.core.engine;

import dev.electrabench.core.config.TransformerConfig;

/**
 * One post-LN BERT/ELECTRA layer ({@code TransformerEncoderGraph.layer}) with its activations:
 * QKV (one fused GEMM) → attention → dense → dropout → +x → LayerNorm → FFN (erf GELU) → dropout → +a →
 * LayerNorm. Q/K/V stay three HF tensors; their fused [3H, H] copy is refreshed every forward pass.
 */
final class EncoderLayer {
    private final int maxSeq;
    private int seq;
    private int rows;
    private boolean dropout; // this batch's: the constructed rates, or none (evaluation)
    private final int hidden;
    private final int ffn;
    private final double hiddenDrop;
    private final double attnDrop;
    private final long site;
    private final AttentionKernel attention;
    private final LinearWeights[] qkvParts;
    private final LinearWeights attnOut;
    private final LinearWeights intermediate;
    private final LinearWeights output;
    private final LayerNormLayer attnNorm;
    private final LayerNormLayer outNorm;
    private final LinearWeights fusedQkv;

    // activations kept for backward
    private FloatTensor input;
    private final FloatTensor qkv;
    private final FloatTensor probs;
    private final FloatTensor droppedBuffer;
    private FloatTensor dropped;           // probs after dropout: droppedBuffer, or probs itself without dropout
    private final FloatTensor probMask;
    private final FloatTensor ctx;
    private final FloatTensor attnOutMask;
    private final FloatTensor normed;      // a = LN(attn + x)
    private final FloatTensor geluGrad;    // pre-activation, then gelu'(pre-activation)
    private final FloatTensor gelu;
    private final FloatTensor outMask;
    private final FloatTensor out;         // y = LN(ffn + a)
    private final FloatTensor sum;         // residual sums before the LayerNorms

    /** Backward scratch shared by all layers of an encoder. */
    record Scratch(FloatTensor dHidden, FloatTensor dFfn, FloatTensor dCtx, FloatTensor dQkv, FloatTensor dProbs) {
        static Scratch of(int rows, int hidden, int ffn, int probs) {
            return new Scratch(FloatTensor.zeros(rows, hidden), FloatTensor.zeros(rows, ffn), FloatTensor.zeros(rows, hidden),
                    FloatTensor.zeros(rows, 3L * hidden), FloatTensor.zeros(probs));
        }
    }

    EncoderLayer(ParameterTensors t, TransformerConfig c, String prefix, int batch, int seq, long site, boolean training) {
        this.maxSeq = seq;
        this.seq = seq;
        this.rows = batch * seq;
        this.dropout = training;
        this.hidden = c.hiddenSize;
        this.ffn = c.intermediateSize;
        this.hiddenDrop = training ? c.hiddenDropoutProb : 0.0;
        this.attnDrop = training ? c.attentionProbsDropoutProb : 0.0;
        this.site = site;
        this.attention = new AttentionKernel(batch, seq, c.numAttentionHeads, c.headSize());
        String a = prefix + "attention.self.";
        this.qkvParts = new LinearWeights[] {LinearWeights.of(t, a + "query"), LinearWeights.of(t, a + "key"),
            LinearWeights.of(t, a + "value")};
        this.fusedQkv = new LinearWeights(FloatTensor.zeros(3L * hidden, hidden), FloatTensor.zeros(3L * hidden),
                FloatTensor.zeros(3L * hidden, hidden), FloatTensor.zeros(3L * hidden), hidden, 3 * hidden);
        this.attnOut = LinearWeights.of(t, prefix + "attention.output.dense");
        this.intermediate = LinearWeights.of(t, prefix + "intermediate.dense");
        this.output = LinearWeights.of(t, prefix + "output.dense");
        this.attnNorm = new LayerNormLayer(LayerNormWeights.of(t, prefix + "attention.output.LayerNorm", c.layerNormEps), rows);
        this.outNorm = new LayerNormLayer(LayerNormWeights.of(t, prefix + "output.LayerNorm", c.layerNormEps), rows);
        this.qkv = FloatTensor.zeros(rows, 3L * hidden);
        this.probs = FloatTensor.zeros(attention.maxProbabilitySize());
        this.droppedBuffer = attnDrop > 0 ? FloatTensor.zeros(attention.maxProbabilitySize()) : probs;
        this.dropped = droppedBuffer;
        this.probMask = attnDrop > 0 ? FloatTensor.zeros(attention.maxProbabilitySize()) : null;
        this.ctx = FloatTensor.zeros(rows, hidden);
        this.attnOutMask = hiddenDrop > 0 ? FloatTensor.zeros(rows, hidden) : null;
        this.outMask = hiddenDrop > 0 ? FloatTensor.zeros(rows, hidden) : null;
        this.normed = FloatTensor.zeros(rows, hidden);
        this.geluGrad = FloatTensor.zeros(rows, ffn);
        this.gelu = FloatTensor.zeros(rows, ffn);
        this.out = FloatTensor.zeros(rows, hidden);
        this.sum = FloatTensor.zeros(rows, hidden);
    }

    int maxProbabilitySize() {
        return attention.maxProbabilitySize();
    }

    /**
     * The next batch's shape (at most the constructed one) and whether it uses dropout (only a layer
     * constructed for training has any).
     */
    void shape(int batch, int seq, boolean withDropout) {
        this.seq = seq;
        this.rows = batch * seq;
        this.dropout = withDropout;
        attention.shape(batch, seq);
        attnNorm.rows(rows);
        outNorm.rows(rows);
    }

    /** Runs the layer on x [B·T, H] (kept by reference until backward); returns the output tensor. */
    FloatTensor forward(FloatTensor x, FloatTensor maskBias, long stepSeed) {
        input = x;
        int hh = hidden * hidden;
        for (int i = 0; i < 3; i++) {
            fusedQkv.weight().copyFrom(qkvParts[i].weight(), i * hh);
            fusedQkv.bias().copyFrom(qkvParts[i].bias(), i * hidden);
        }
        fusedQkv.forward(x, qkv, rows);
        attention.scoresAndSoftmax(qkv, maskBias, probs);
        dropped = probs;
        if (dropout && attnDrop > 0) {
            dropped = droppedBuffer;
            int n = attention.probabilitySize();
            dropped.copyFrom(probs, 0, n);
            // rows of the [B, heads, T, T] probabilities: groups of T query rows, each T keys wide
            DropoutKernel.forwardRows(dropped, probMask, n / seq, seq, maxSeq, seq, maxSeq, attnDrop, stepSeed, site);
        }
        attention.context(qkv, dropped, ctx);
        attnOut.forward(ctx, sum, rows);
        dropoutAndAdd(sum, attnOutMask, x, stepSeed, site + 1);
        attnNorm.forward(sum, normed);
        intermediate.forward(normed, geluGrad, rows);
        GeluKernel.forward(geluGrad, gelu, rows * ffn);
        output.forward(gelu, sum, rows);
        dropoutAndAdd(sum, outMask, normed, stepSeed, site + 2);
        outNorm.forward(sum, out);
        return out;
    }

    /** y := dropout(y) + residual. */
    private void dropoutAndAdd(FloatTensor y, FloatTensor mask, FloatTensor residual, long stepSeed, long dropSite) {
        int n = rows * hidden;
        if (dropout && mask != null) {
            DropoutKernel.forwardRows(y, mask, rows, hidden, hidden, seq, maxSeq, hiddenDrop, stepSeed, dropSite);
        }
        y.addInPlace(residual, n);
    }

    /**
     * Consumes dOut (the gradient w.r.t. this layer's output) and overwrites it with the gradient w.r.t.
     * the layer's input; writes every parameter gradient of the layer.
     */
    void backward(FloatTensor dOut, Scratch s) {
        FloatTensor dSum = s.dHidden();
        int n = rows * hidden;
        outNorm.backward(dOut, dSum, false);
        // dSum is the gradient w.r.t. both the FFN output (after dropout) and the residual a
        FloatTensor dNormed = dOut; // dOut is free now
        dNormed.copyFrom(dSum, 0, n);
        if (dropout && outMask != null) {
            DropoutKernel.backward(dSum, outMask, n);
        }
        output.backward(gelu, dSum, s.dFfn(), false, rows);
        GeluKernel.backward(s.dFfn(), geluGrad, rows * ffn);
        intermediate.backward(normed, s.dFfn(), dNormed, true, rows);
        attnNorm.backward(dNormed, dSum, false);
        FloatTensor dInput = dOut;
        dInput.copyFrom(dSum, 0, n);
        if (dropout && attnOutMask != null) {
            DropoutKernel.backward(dSum, attnOutMask, n);
        }
        attnOut.backward(ctx, dSum, s.dCtx(), false, rows);
        attention.backwardContext(qkv, dropped, s.dCtx(), s.dProbs(), s.dQkv());
        if (dropped != probs) {
            DropoutKernel.backward(s.dProbs(), probMask, attention.probabilitySize());
        }
        attention.backwardScores(qkv, probs, s.dProbs(), s.dQkv());
        fusedQkv.backward(input, s.dQkv(), dInput, true, rows);
        int hh = hidden * hidden;
        for (int i = 0; i < 3; i++) {
            fusedQkv.dWeight().copyTo(qkvParts[i].dWeight(), i * hh);
            fusedQkv.dBias().copyTo(qkvParts[i].dBias(), i * hidden);
        }
    }
}
