package dev.electrabench.results.paired;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Mean of per-seed differences with its two-sided t interval: mean ± t(1 − α/2, n − 1) × sd / √n. With a
 * handful of seeds a bootstrap interval is too narrow (it resamples the same three values), the t interval
 * states its n and widens honestly.
 */
public record MeanInterval(int n, double mean, double sd, double low, double high) {
    public static final double CONFIDENCE = 0.95;

    public static MeanInterval of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new MeanInterval(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = StatUtils.mean(values);
        if (n < 2) {
            return new MeanInterval(n, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = Math.sqrt(StatUtils.variance(values)); // n - 1 denominator
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new MeanInterval(n, mean, sd, mean - half, mean + half);
    }

    /** {@link PairVerdict} of this interval for a metric where higher (or, if not, lower) is better. */
    public PairVerdict verdict(boolean higherIsBetter) {
        if (n < 2) {
            return PairVerdict.TOO_FEW_SEEDS;
        }
        if (low > 0) {
            return higherIsBetter ? PairVerdict.BETTER : PairVerdict.WORSE;
        }
        if (high < 0) {
            return higherIsBetter ? PairVerdict.WORSE : PairVerdict.BETTER;
        }
        return PairVerdict.WITHIN_NOISE;
    }
}
