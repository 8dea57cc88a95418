package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Draws one class per row from softmax((logits + bias)/T) by inversion of the cumulative distribution, with
 * one counter-based uniform per row (a function of step seed, site and row only). The same distribution as
 * the Gumbel-max trick of the SameDiff graph, at one uniform per row instead of two logs per logit. At T = 1
 * the cross-entropy pass draws too ({@link SoftmaxCrossEntropyKernel}), reusing its exps.
 */
final class CategoricalSampler {
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    /** What to draw: rows marked {@code active} (others get class 0), from the stream of (stepSeed, site), into {@code out}. */
    record Draw(boolean[] active, long stepSeed, long site, int[] out) {
        long key() {
            return DropoutKernel.mix(stepSeed * 0x9E3779B97F4A7C15L + site);
        }
    }

    private CategoricalSampler() {}

    static void sample(FloatTensor logits, float[] bias, int rows, int classes, double temperature, Draw draw) {
        FloatBuffer z = logits.data();
        float invT = (float) (1.0 / temperature);
        long key = draw.key();
        Parallel.range(rows, (from, to) -> {
            float[] row = ROW.get();
            if (row.length < classes) {
                row = new float[classes];
                ROW.set(row);
            }
            for (int r = from; r < to; r++) {
                draw.out()[r] = 0;
                if (!draw.active()[r]) {
                    continue;
                }
                z.get(r * classes, row, 0, classes);
                float max = ArrayMath.INSTANCE.addAndMax(row, bias, 0, classes) * invT;
                ArrayMath.INSTANCE.scale(row, classes, invT);
                double total = ArrayMath.INSTANCE.expShiftedSum(row, classes, max);
                draw.out()[r] = pick(row, classes, total, key, r);
            }
        });
    }

    /** The class whose cumulative unnormalised mass first exceeds u·total, u the row's uniform. */
    static int pick(float[] mass, int classes, double total, long key, int row) {
        double u = (DropoutKernel.mix(key + row * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
        double threshold = u * total;
        double[] before = new double[1];
        int start = ArrayMath.INSTANCE.skipBlocksAtOrBelow(mass, classes, threshold, before);
        double cumulative = before[0];
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
