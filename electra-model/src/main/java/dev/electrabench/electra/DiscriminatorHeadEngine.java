package dev.electrabench.electra;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.GeluKernel;
import dev.electrabench.core.engine.LinearWeights;
import dev.electrabench.core.engine.ParameterTensors;

/**
 * ELECTRA's replaced-token head on the eager engine (the graph's is {@code Heads.discriminator}): dense(H, H) → GELU → dense_prediction(H, 1),
 * one logit per token, and the BCE over real tokens.
 */
final class DiscriminatorHeadEngine {
    private final int rows;
    private final int hidden;
    private final LinearWeights dense;
    private final LinearWeights prediction;
    private final FloatTensor geluGrad;
    private final FloatTensor activated;
    private final FloatTensor logits;
    private final float[] scores; // the logits kept for the AUC (the loss pass overwrites them)
    private final FloatTensor dActivated;
    private FloatTensor input;

    DiscriminatorHeadEngine(ParameterTensors t, TransformerConfig c, int rows) {
        this.rows = rows;
        this.hidden = c.hiddenSize;
        this.dense = LinearWeights.of(t, "discriminator_predictions.dense");
        this.prediction = LinearWeights.of(t, "discriminator_predictions.dense_prediction");
        this.geluGrad = FloatTensor.zeros(rows, hidden);
        this.scores = new float[rows];
        this.activated = FloatTensor.zeros(rows, hidden);
        this.logits = FloatTensor.zeros(rows, 1);
        this.dActivated = FloatTensor.zeros(rows, hidden);
    }

    /** Loss and metrics; keeps the gradient of gradScale·loss for {@link #backward}. */
    BinaryCrossEntropyKernel.Result forward(FloatTensor hiddenStates, float[] labels, float[] realTokens, double gradScale) {
        input = hiddenStates;
        dense.forward(hiddenStates, geluGrad, rows);
        GeluKernel.forward(geluGrad, activated, rows * hidden);
        prediction.forward(activated, logits, rows);
        return BinaryCrossEntropyKernel.apply(logits, labels, realTokens, rows, gradScale, scores);
    }

    /** Writes the gradient w.r.t. the hidden states into {@code dHidden} (overwriting). */
    void backward(FloatTensor dHidden) {
        prediction.backward(activated, logits, dActivated, false, rows);
        GeluKernel.backward(dActivated, geluGrad, rows * hidden);
        dense.backward(input, dActivated, dHidden, false, rows);
    }
}
