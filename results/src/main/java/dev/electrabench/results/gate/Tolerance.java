package dev.electrabench.results.gate;

import dev.electrabench.results.leaderboard.SeedStats;

/**
 * How far a metric may drop before it counts as a regression, in metric points (values x 100).
 *
 * @param absolute   allowed drop in metric points; also the floor and the fallback of the SD rule
 * @param sdMultiple K in "allowed drop = K x the baseline's sample SD over seeds"; NaN when not used.
 *                   A baseline with a single seed (no SD) falls back to {@code absolute}.
 */
public record Tolerance(double absolute, double sdMultiple) {
    public Tolerance {
        if (!(absolute >= 0) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("absolute tolerance must be a finite number >= 0, got " + absolute);
        }
        if (!Double.isNaN(sdMultiple) && !(sdMultiple >= 0 && Double.isFinite(sdMultiple))) {
            throw new IllegalArgumentException("SD multiple must be a finite number >= 0, got " + sdMultiple);
        }
    }

    public static Tolerance absolute(double points) {
        return new Tolerance(points, Double.NaN);
    }

    public static Tolerance sdMultiple(double k, double fallbackPoints) {
        return new Tolerance(fallbackPoints, k);
    }

    /** The allowed drop for a metric with this baseline: max(absolute, K x SD), or absolute without an SD. */
    public double allowedDrop(SeedStats baseline) {
        if (Double.isNaN(sdMultiple) || baseline.seeds() < 2 || Double.isNaN(baseline.sd())) {
            return absolute;
        }
        return Math.max(absolute, sdMultiple * baseline.sd());
    }
}
