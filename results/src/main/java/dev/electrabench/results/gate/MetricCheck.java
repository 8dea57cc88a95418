package dev.electrabench.results.gate;

import dev.electrabench.results.leaderboard.SeedStats;

/**
 * One metric compared: medians over seeds of baseline and current, {@code delta = current - baseline}
 * (NaN when one side is missing), the allowed drop and the verdict.
 */
public record MetricCheck(MetricKey key, SeedStats baseline, SeedStats current, double delta, double allowed, Verdict verdict) {}
