package dev.electrabench.results.paired;

import java.util.List;

/**
 * Model A against model B on one task metric (or the GLUE score: task {@code glue}, metric {@code score}),
 * paired by fine-tuning seed.
 *
 * @param modelA         the model being judged
 * @param modelB         the model it is judged against
 * @param fractionA      checkpoint fraction of A
 * @param fractionB      checkpoint fraction of B (equal to A's, or 0 for the no-pre-training control)
 * @param flopsA         pre-training FLOPs of A (paper convention); NaN if unknown
 * @param flopsB         pre-training FLOPs of B
 * @param pairs          the seeds both were measured with, in seed order
 * @param meanDifference mean over seeds of A − B
 * @param sdDifference   sample SD of the per-seed differences; NaN for one seed
 * @param ciLow          lower end of the two-sided 95% t interval of the mean difference; NaN below 2 seeds
 * @param ciHigh         upper end
 * @param verdict        where the interval lies (flipped for lower-is-better metrics)
 * @param runIds         the runs the values came from (provenance), sorted
 * @param gitCommits     the commits that produced them, sorted
 */
public record PairedDifference(
        String modelA,
        String modelB,
        double fractionA,
        double fractionB,
        double flopsA,
        double flopsB,
        String task,
        String metric,
        List<SeedPair> pairs,
        double meanDifference,
        double sdDifference,
        double ciLow,
        double ciHigh,
        PairVerdict verdict,
        List<String> runIds,
        List<String> gitCommits) {

    public PairedDifference {
        pairs = List.copyOf(pairs);
        runIds = List.copyOf(runIds);
        gitCommits = List.copyOf(gitCommits);
    }

    public int seeds() {
        return pairs.size();
    }

    public double meanA() {
        return pairs.stream().mapToDouble(SeedPair::a).average().orElse(Double.NaN);
    }

    public double meanB() {
        return pairs.stream().mapToDouble(SeedPair::b).average().orElse(Double.NaN);
    }

    public boolean isGlueScore() {
        return task.equals(dev.electrabench.results.leaderboard.MetricLine.GLUE_TASK)
                && metric.equals(dev.electrabench.results.leaderboard.MetricLine.GLUE_METRIC);
    }
}
