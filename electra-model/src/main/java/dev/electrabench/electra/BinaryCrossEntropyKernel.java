package dev.electrabench.electra;

import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.model.Losses;
import java.nio.FloatBuffer;

/**
 * ELECTRA's discriminator loss and metrics over [N] logits: the weighted mean of the stable sigmoid BCE
 * relu(z) − y·z + log(1 + e^(−|z|)) over real tokens ({@code Losses.binaryCrossEntropyPerRow} +
 * {@code weightedMean}), with the logits overwritten by gradScale·d loss / d z = gradScale·w·(σ(z) − y)/(Σw + ε).
 */
final class BinaryCrossEntropyKernel {
    private BinaryCrossEntropyKernel() {}

    /** The loss and the replaced-token-detection metrics of {@code ReplacedTokenDetectionObjective}. */
    record Result(double loss, double accuracy, double precision, double recall, double replacedFraction, double auc) {}

    /** @param scores [rows] scratch that receives the logits before they become gradients (for the AUC) */
    static Result apply(FloatTensor logits, float[] labels, float[] weights, int rows, double gradScale, float[] scores) {
        FloatBuffer z = logits.data();
        z.get(0, scores);
        double weightSum = 0;
        for (int r = 0; r < rows; r++) {
            weightSum += weights[r];
        }
        double denominator = weightSum + Losses.EPS;
        double loss = 0;
        double agree = 0;
        double truePositive = 0;
        double predictedPositive = 0;
        double positive = 0;
        for (int r = 0; r < rows; r++) {
            double v = z.get(r);
            double y = labels[r];
            double w = weights[r];
            loss += w * (Math.max(v, 0) - y * v + Math.log1p(Math.exp(-Math.abs(v))));
            double predicted = v > 0 ? 1 : 0;
            agree += w * (predicted * y + (1 - predicted) * (1 - y));
            truePositive += predicted * y * w;
            predictedPositive += predicted * w;
            positive += y * w;
            double sigmoid = 1.0 / (1.0 + Math.exp(-v));
            z.put(r, (float) (gradScale * w * (sigmoid - y) / denominator));
        }
        return new Result(loss / denominator, agree / denominator, truePositive / (predictedPositive + Losses.EPS),
                truePositive / (positive + Losses.EPS), positive / denominator, DiscriminatorAuc.of(scores, labels, weights));
    }
}
