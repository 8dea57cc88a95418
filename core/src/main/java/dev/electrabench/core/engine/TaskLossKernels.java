package dev.electrabench.core.engine;

import dev.electrabench.core.model.Losses;
import java.nio.FloatBuffer;

/**
 * The fine-tuning losses of {@code Losses} on the eager engine, each with its gradient w.r.t. the logits
 * (written to {@code dLogits}, same layout): softmax cross-entropy (mean, or ELECTRA's weighted mean),
 * STS-B's scaled squared error, and the span loss of question answering. Sums in double.
 */
public final class TaskLossKernels {
    private TaskLossKernels() {}

    /**
     * Cross-entropy over {@code rows} rows of {@code classes} logits: the mean (weights null, as
     * {@code crossEntropyPerRow(...).mean()}) or Σ w·ce / (Σ w + ε) ({@code Losses.weightedMean}).
     */
    public static double crossEntropy(FloatTensor logits, int rows, int classes, int[] labels, float[] weights,
                                      FloatTensor dLogits) {
        double denominator;
        if (weights == null) {
            denominator = rows;
        } else {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += weights[r];
            }
            denominator = sum + Losses.EPS;
        }
        FloatBuffer z = logits.data();
        FloatBuffer d = dLogits.data();
        double loss = 0;
        double[] p = new double[classes];
        for (int r = 0; r < rows; r++) {
            double w = weights == null ? 1.0 : weights[r];
            loss += w * softmaxRow(z, r * classes, 1, classes, labels[r], p);
            for (int c = 0; c < classes; c++) {
                d.put(r * classes + c, (float) (w * (p[c] - (c == labels[r] ? 1 : 0)) / denominator));
            }
        }
        return loss / denominator;
    }

    /** Mean of (z − score/scale)² over {@code rows} single-output rows ({@code Losses.scaledRegression}). */
    public static double scaledRegression(FloatTensor logits, int rows, float[] scores, double scale, FloatTensor dLogits) {
        FloatBuffer z = logits.data();
        FloatBuffer d = dLogits.data();
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double diff = z.get(r) - scores[r] / scale;
            loss += diff * diff;
            d.put(r, (float) (2 * diff / rows));
        }
        return loss / rows;
    }

    /**
     * BERT's span loss ({@code Losses.questionAnswering}): per row of [batch·seq, 2] logits, the softmax over
     * all {@code seq} positions of the start column and of the end column, (CE_start + CE_end)/2 averaged over
     * the batch.
     */
    public static double questionAnswering(FloatTensor logits, int batch, int seq, int[] starts, int[] ends,
                                           FloatTensor dLogits) {
        FloatBuffer z = logits.data();
        FloatBuffer d = dLogits.data();
        double loss = 0;
        double[] p = new double[seq];
        for (int b = 0; b < batch; b++) {
            for (int column = 0; column < 2; column++) {
                int target = column == 0 ? starts[b] : ends[b];
                int first = b * seq * 2 + column;
                loss += softmaxRow(z, first, 2, seq, target, p);
                for (int t = 0; t < seq; t++) {
                    d.put(first + 2 * t, (float) (0.5 * (p[t] - (t == target ? 1 : 0)) / batch));
                }
            }
        }
        return 0.5 * loss / batch;
    }

    /**
     * Softmax of the {@code n} logits at {@code first}, {@code first + stride}, … into {@code p}; returns the
     * cross-entropy −log p[target].
     */
    private static double softmaxRow(FloatBuffer z, int first, int stride, int n, int target, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z.get(first + i * stride));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(z.get(first + i * stride) - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return Math.log(sum) - (z.get(first + target * stride) - max);
    }
}
