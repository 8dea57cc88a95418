package dev.electrabench.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Losses built from primitives: M2.1's {@code loss()} ops ignore the upstream gradient (any weight,
 * e.g. ELECTRA's λ=50, or division gives wrong gradients), and {@code logSoftmax(x, dim)} breaks
 * gradient creation, so only last-axis {@code logSoftmax(x)} is used.
 */
public final class Losses {
    /** ELECTRA's denominators add this so an all-padding batch gives 0, not NaN. */
    public static final double EPS = 1e-6;

    private Losses() {}

    /** Per-row cross-entropy −log softmax(logits)[label]: logits [N,C], labels [N] (INT) → [N]. */
    public static SDVariable crossEntropyPerRow(SameDiff sd, SDVariable logits, SDVariable labels, int classes) {
        SDVariable logProbs = sd.nn().logSoftmax(logits);
        SDVariable oneHot = sd.oneHot(labels, classes).castTo(logits.dataType());
        return logProbs.mul(oneHot).sum(1).neg();
    }

    /** Σ w·x / (Σ w + ε): ELECTRA's weighted mean (MLM over masked slots, BCE over real tokens). */
    public static SDVariable weightedMean(SDVariable perRow, SDVariable weights) {
        SDVariable w = weights.castTo(perRow.dataType());
        return perRow.mul(w).sum().div(w.sum().add(EPS));
    }

    /** Per-row sigmoid BCE with logits, stable form relu(z) − y·z + log(1 + exp(−|z|)). */
    public static SDVariable binaryCrossEntropyPerRow(SameDiff sd, SDVariable logits, SDVariable labels) {
        SDVariable y = labels.castTo(logits.dataType());
        SDVariable softplusNegAbs = sd.math().log1p(sd.math().exp(sd.math().abs(logits).neg()));
        return sd.nn().relu(logits, 0.0).sub(y.mul(logits)).add(softplusNegAbs);
    }

    /** Mean squared error over rows: predictions [N], targets [N]. */
    public static SDVariable meanSquaredError(SDVariable predictions, SDVariable targets) {
        SDVariable diff = predictions.sub(targets.castTo(predictions.dataType()));
        return diff.mul(diff).mean();
    }
}
