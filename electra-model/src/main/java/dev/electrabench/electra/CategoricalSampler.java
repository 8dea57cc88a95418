package dev.electrabench.electra;

import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.SoftmaxCrossEntropyKernel;
import dev.electrabench.core.engine.SoftmaxRowVisitor;
import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.CounterRng;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;

/**
 * Draws one class per row from softmax((logits + bias)/T) by inversion of the cumulative distribution, with
 * one counter-based uniform per row (a function of step seed, site and row only). The same distribution as
 * the Gumbel-max trick of the SameDiff graph, at one uniform per row instead of two logs per logit. At T = 1
 * the cross-entropy pass draws too ({@link SoftmaxCrossEntropyKernel}), reusing its exps.
 */
final class CategoricalSampler {
    /**
     * What to draw: rows marked {@code active} (others get class 0), from the stream of (stepSeed, site), into
     * {@code out}. As a visitor of the cross-entropy pass it draws from that pass's exps (temperature 1).
     */
    record Draw(boolean[] active, long stepSeed, long site, int[] out) implements SoftmaxRowVisitor {
        long key() {
            return CounterRng.key(stepSeed, site);
        }

        @Override
        public void visit(int row, float[] weights, int classes, double total) {
            out[row] = active[row] ? pick(weights, classes, total, key(), row, new double[1]) : 0;
        }
    }

    private CategoricalSampler() {}

    static void sample(FloatTensor logits, float[] bias, int rows, int classes, double temperature, Draw draw) {
        FloatBuffer z = logits.data();
        float invT = (float) (1.0 / temperature);
        long key = draw.key();
        Parallel.range(rows, (from, to) -> {
            float[] row = ThreadBuffers.floats(0, classes);
            double[] prefix = new double[1];
            for (int r = from; r < to; r++) {
                draw.out()[r] = 0;
                if (!draw.active()[r]) {
                    continue;
                }
                z.get(r * classes, row, 0, classes);
                float max = ArrayMath.INSTANCE.addAndMax(row, bias, 0, classes) * invT;
                ArrayMath.INSTANCE.scale(row, classes, invT);
                double total = ArrayMath.INSTANCE.expShiftedSum(row, classes, max);
                draw.out()[r] = pick(row, classes, total, key, r, prefix);
            }
        });
    }

    /**
     * The class whose cumulative unnormalised mass first exceeds u·total, u the row's uniform.
     *
     * @param prefix one-element scratch (the caller's, reused over rows)
     */
    static int pick(float[] mass, int classes, double total, long key, int row, double[] prefix) {
        double u = (CounterRng.bits(key, row) >>> 11) * 0x1.0p-53;
        double threshold = u * total;
        int start = ArrayMath.INSTANCE.skipBlocksAtOrBelow(mass, classes, threshold, prefix);
        double cumulative = prefix[0];
        int chosen = -1;
        for (int j = start; j < classes; j++) {
            if (mass[j] > 0) {
                chosen = j; // the last class with mass, should rounding leave the threshold unreached
            }
            cumulative += mass[j];
            if (cumulative > threshold && mass[j] > 0) {
                break;
            }
        }
        for (int j = start - 1; chosen < 0 && j >= 0; j--) {
            if (mass[j] > 0) {
                chosen = j;
            }
        }
        return chosen;
    }
}
