package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Weighted-mean softmax cross-entropy over rows of [M, V] logits ({@code Losses.crossEntropyPerRow} +
 * {@code Losses.weightedMean}) fused with its gradient: the logits are overwritten in place by
 * d loss / d logits = w_r·(softmax − onehot)/(Σw + ε). One exp per logit.
 */
final class SoftmaxCrossEntropyKernel {
    private SoftmaxCrossEntropyKernel() {}

    /** Loss and accuracy (argmax == target), both weighted means over the rows. */
    record Result(double loss, double accuracy) {}

    static Result apply(FloatTensor logits, int rows, int classes, int[] targets, float[] weights, double[] rowLoss,
                        boolean[] correct) {
        double weightSum = 0;
        for (int r = 0; r < rows; r++) {
            weightSum += weights[r];
        }
        float denominator = (float) (weightSum + dev.electrabench.core.model.Losses.EPS);
        FloatBuffer z = logits.data();
        Parallel.range(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * classes;
                float max = Float.NEGATIVE_INFINITY;
                int argmax = 0;
                for (int j = 0; j < classes; j++) {
                    float v = z.get(o + j);
                    if (v > max) {
                        max = v;
                        argmax = j;
                    }
                }
                float target = z.get(o + targets[r]) - max;
                double sum = 0;
                for (int j = 0; j < classes; j++) {
                    float e = (float) Math.exp(z.get(o + j) - max);
                    z.put(o + j, e);
                    sum += e;
                }
                rowLoss[r] = Math.log(sum) - target;
                correct[r] = argmax == targets[r];
                float scale = (float) (weights[r] / sum) / denominator;
                for (int j = 0; j < classes; j++) {
                    z.put(o + j, z.get(o + j) * scale);
                }
                z.put(o + targets[r], z.get(o + targets[r]) - weights[r] / denominator);
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
