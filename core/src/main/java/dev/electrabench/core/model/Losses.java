package dev.electrabench.core.model;

import org.nd4j.autodiff.samediff.SDIndex;
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

    /**
     * BERT's / HF {@code ElectraForQuestionAnswering}'s span loss: the mean over the batch of
     * (−log softmax(start logits)[start] − log softmax(end logits)[end]) / 2, the softmax running over all
     * {@code seq} positions of a row (padding included, as HF). Position 0 ([CLS]) is the target when the
     * answer is not in the window or the question has none.
     *
     * @param qaLogits       [B·T, 2] from {@link Heads#questionAnswering}
     * @param startPositions [B] (INT) answer-start token index per row
     * @param endPositions   [B] (INT) answer-end token index per row (inclusive)
     * @param seq            T, the (static) sequence length
     */
    public static SDVariable questionAnswering(SameDiff sd, SDVariable qaLogits, SDVariable startPositions,
                                               SDVariable endPositions, int seq) {
        SDVariable perRow = sd.reshape(qaLogits, -1, seq, 2);
        SDVariable start = sd.squeeze(perRow.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, 1)), 2);
        SDVariable end = sd.squeeze(perRow.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(1, 2)), 2);
        SDVariable startLoss = crossEntropyPerRow(sd, start, startPositions, seq).mean();
        SDVariable endLoss = crossEntropyPerRow(sd, end, endPositions, seq).mean();
        return startLoss.add(endLoss).mul(0.5);
    }

    /**
     * ELECTRA's STS-B regression loss: mean squared error between the single output of a
     * {@code num_labels = 1} head [B, 1] and the gold score scaled to [0, 1] ({@code score / scale}, ELECTRA
     * divides by 5). Predictions are mapped back with × scale.
     *
     * @param scores [B] gold scores on the task's scale (FLOAT)
     */
    public static SDVariable scaledRegression(SameDiff sd, SDVariable output, SDVariable scores, double scale) {
        return meanSquaredError(sd.reshape(output, -1), scores.castTo(output.dataType()).div(scale));
    }
}
