package dev.electrabench.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Losses built from primitives: M2.1's {@code loss()} ops ignore the upstream gradient (any weight,
 * e.g. ELECTRA's λ=50, or division gives wrong gradients), and {@code logSoftmax(x, dim)} breaks
 * gradient creation, so only last-axis {@code logSoftmax(x)} is used.
 */
public final class Losses {
    /** ELECTRA's denominators add this so an all-padding batch gives 0, not NaN. */
    public static final double EPS = 1e-6;

    private Losses() {}

    /**
     * Per-row cross-entropy logsumexp(z) − z[label]: logits [N,C], labels [N] (INT) → [N]. Written as
     * max-shifted log-sum-exp plus a row gather rather than {@code logSoftmax · oneHot}: M2.1's log_softmax
     * and the dense one-hot product cost ~0.4 s per step on ELECTRA's [B·P, 30522] MLM logits. The max is
     * a stop-gradient constant: lse(z − m) + m does not depend on m, so its true gradient is zero.
     */
    public static SDVariable crossEntropyPerRow(SameDiff sd, SDVariable logits, SDVariable labels, int classes) {
        SDVariable max = new StopGradient(sd, logits.max(true, 1)).outputVariable();
        SDVariable shifted = logits.sub(max);
        SDVariable logSumExp = sd.math().log(sd.math().exp(shifted).sum(1));
        SDVariable rows = sd.sizeAt(logits, 0);
        SDVariable rowStart = sd.range(sd.constant(0), rows, sd.constant(1), DataType.INT).mul(classes);
        SDVariable flat = labels.castTo(DataType.INT).add(rowStart);
        SDVariable target = sd.reshape(EmbeddingGather.lookup(sd, null, sd.reshape(shifted, -1, 1), flat), -1);
        return logSumExp.sub(target);
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
