package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Draws one class per row from softmax((logits + bias)/T) by inversion of the cumulative distribution, with
 * one counter-based uniform per row (a function of step seed, site and row only). The same distribution as
 * the Gumbel-max trick of the SameDiff graph, at one uniform per row instead of two logs per logit.
 */
final class CategoricalSampler {
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    private CategoricalSampler() {}

    /**
     * @param active rows to sample (others get class 0)
     * @param out    the sampled class per row
     */
    static void sample(FloatTensor logits, float[] bias, int rows, int classes, double temperature, boolean[] active,
                       long stepSeed, long site, int[] out) {
        FloatBuffer z = logits.data();
        float invT = (float) (1.0 / temperature);
        long key = DropoutKernel.mix(stepSeed * 0x9E3779B97F4A7C15L + site);
        Parallel.range(rows, (from, to) -> {
            float[] row = ROW.get();
            if (row.length < classes) {
                row = new float[classes];
                ROW.set(row);
            }
            for (int r = from; r < to; r++) {
                out[r] = 0;
                if (!active[r]) {
                    continue;
                }
                z.get(r * classes, row, 0, classes);
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    row[j] = (row[j] + bias[j]) * invT;
                    max = Math.max(max, row[j]);
                }
                double total = 0;
                for (int j = 0; j < classes; j++) {
                    row[j] = FastExp.exp(row[j] - max);
                    total += row[j];
                }
                double u = (DropoutKernel.mix(key + r * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
                double threshold = u * total;
                double cumulative = 0;
                int chosen = -1;
                for (int j = 0; j < classes; j++) {
                    if (row[j] > 0) {
                        chosen = j; // the last class with mass, should rounding leave the threshold unreached
                    }
                    cumulative += row[j];
                    if (cumulative > threshold && row[j] > 0) {
                        break;
                    }
                }
                out[r] = chosen;
            }
        });
    }
}
