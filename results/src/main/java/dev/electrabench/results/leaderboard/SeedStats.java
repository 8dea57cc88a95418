package dev.electrabench.results.leaderboard;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of one metric over fine-tuning seeds: the median (what the ELECTRA paper reports) and the
 * spread. {@code sd} is the sample standard deviation (n - 1 denominator), NaN for fewer than two seeds.
 */
public record SeedStats(int seeds, double median, double sd, double min, double max) {
    /** No values at all. */
    public static final SeedStats NONE = new SeedStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static SeedStats of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static SeedStats of(double... values) {
        int n = values.length;
        if (n == 0) {
            return NONE;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // even count: mean of the two middle values (numpy.median, statistics.median)
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double sd = Double.NaN;
        if (n >= 2) {
            double mean = Arrays.stream(sorted).sum() / n;
            double squares = 0;
            for (double v : sorted) {
                squares += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(squares / (n - 1));
        }
        return new SeedStats(n, median, sd, sorted[0], sorted[n - 1]);
    }
}
