package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import dev.electrabench.core.model.Losses;
import java.nio.FloatBuffer;

/**
 * Weighted-mean softmax cross-entropy over rows of [M, V] logits ({@code Losses.crossEntropyPerRow} +
 * {@code Losses.weightedMean}) fused with its gradient: the logits are overwritten in place by
 * gradScale·d loss / d logits = gradScale·w_r·(softmax − onehot)/(Σw + ε) (gradScale: the loss's weight
 * in a sum of losses). One exp per logit. Each row is worked on in a
 * heap copy (bulk-copied in and out), where the JIT compiles the passes to tighter code than on the
 * direct buffer.
 */
public final class SoftmaxCrossEntropyKernel {
    private static final ArrayMath MATH = ArrayMath.INSTANCE;

    private SoftmaxCrossEntropyKernel() {}

    /** Loss and accuracy (argmax == target), both weighted means over the rows. */
    public record Result(double loss, double accuracy) {}

    /**
     * @param b    [classes], added to every row first (the decoder's bias, fused into this pass)
     * @param visitor if not null, shown each row's exps of this pass (e.g. to sample from softmax(logits + b))
     */
    public static Result apply(FloatTensor logits, float[] b, int rows, int classes, int[] targets, float[] weights,
                        double gradScale, SoftmaxRowVisitor visitor, double[] rowLoss, boolean[] correct) {
        double weightSum = 0;
        for (int r = 0; r < rows; r++) {
            weightSum += weights[r];
        }
        float denominator = (float) (weightSum + Losses.EPS);
        FloatBuffer z = logits.data();
        Parallel.range(rows, (from, to) -> {
            float[] row = ThreadBuffers.floats(0, classes);
            for (int r = from; r < to; r++) {
                int o = r * classes;
                z.get(o, row, 0, classes);
                float max = MATH.addAndMax(row, b, 0, classes);
                int argmax = MATH.indexOf(row, classes, max);
                float target = row[targets[r]] - max;
                double sum = MATH.expShiftedSum(row, classes, max);
                if (visitor != null) {
                    visitor.visit(r, row, classes, sum);
                }
                rowLoss[r] = Math.log(sum) - target;
                correct[r] = argmax == targets[r];
                MATH.scale(row, classes, (float) (gradScale * weights[r] / sum) / denominator);
                row[targets[r]] -= (float) (gradScale * weights[r]) / denominator;
                z.put(o, row, 0, classes);
            }
        });
        double loss = 0;
        double hits = 0;
        for (int r = 0; r < rows; r++) {
            loss += weights[r] * rowLoss[r];
            hits += correct[r] ? weights[r] : 0;
        }
        return new Result(loss / denominator, hits / denominator);
    }
}
