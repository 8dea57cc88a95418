package dev.electrabench.results.gate;

import dev.electrabench.core.UserException;
import dev.electrabench.results.csv.CsvFile;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.MetricLine;
import dev.electrabench.results.leaderboard.SeedStats;
import dev.electrabench.results.paired.ComparisonsCsv;
import dev.electrabench.results.paired.PairedComparisons;
import dev.electrabench.results.paired.PairedDifference;
import dev.electrabench.results.paired.SeedPair;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares current results with a baseline, metric by metric. Either file may be a {@code summary.csv}
 * (reduced to medians over seeds per (model, checkpoint fraction, task, metric), plus the GLUE score,
 * exactly as the leaderboard does) or a {@code leaderboard.csv}. Published reference lines are ignored:
 * they are not measurements of this code. Bad input (unreadable file, schema mismatch, missing columns,
 * no metric in common) is a {@link UserException}, never a verdict.
 */
public final class RegressionGate {
    private final Tolerance tolerance;
    private final Set<String> metrics;

    public RegressionGate(Tolerance tolerance) {
        this(tolerance, Set.of());
    }

    /**
     * @param metrics gate only these metric names (e.g. {@code f1}, {@code score} for the GLUE score) and
     *                ignore the rest, such as per-class breakdowns too noisy to gate; empty = every metric
     */
    public RegressionGate(Tolerance tolerance, Set<String> metrics) {
        this.tolerance = tolerance;
        this.metrics = Set.copyOf(metrics);
    }

    public GateReport compare(Path baseline, Path current) {
        Map<MetricKey, SeedStats> base = load(baseline);
        Map<MetricKey, SeedStats> cur = load(current);
        if (!metrics.isEmpty()) {
            base.keySet().removeIf(k -> !metrics.contains(k.metric()));
            cur.keySet().removeIf(k -> !metrics.contains(k.metric()));
        }
        dropKindMissingOnOneSide(base, cur);
        dropIncomparableGlueScores(base, cur);
        if (base.keySet().stream().noneMatch(cur::containsKey)) {
            throw new UserException(current + ": no metric in common with " + baseline
                    + " (matched on model, checkpoint_fraction, task, metric)");
        }
        return compare(base, cur);
    }

    public GateReport compare(Map<MetricKey, SeedStats> baseline, Map<MetricKey, SeedStats> current) {
        TreeSet<MetricKey> keys = new TreeSet<>(baseline.keySet());
        keys.addAll(current.keySet());
        List<MetricCheck> checks = new ArrayList<>();
        for (MetricKey key : keys) {
            SeedStats b = baseline.get(key);
            SeedStats c = current.get(key);
            if (b == null) {
                checks.add(new MetricCheck(key, SeedStats.NONE, c, Double.NaN, Double.NaN, Verdict.NEW_IN_CURRENT));
            } else if (c == null) {
                checks.add(new MetricCheck(key, b, SeedStats.NONE, Double.NaN, tolerance.allowedDrop(b), Verdict.MISSING_IN_CURRENT));
            } else {
                checks.add(compareOne(key, b, c));
            }
        }
        return new GateReport(checks);
    }

    private MetricCheck compareOne(MetricKey key, SeedStats b, SeedStats c) {
        double delta = c.median() - b.median();
        double allowed = tolerance.allowedDrop(b);
        // gain > 0 means better, whichever direction the metric runs
        double gain = MetricConventions.higherIsBetter(key.metric()) ? delta : -delta;
        Verdict verdict = gain < -allowed ? Verdict.REGRESSED : gain > allowed ? Verdict.IMPROVED : Verdict.OK;
        return new MetricCheck(key, b, c, delta, allowed, verdict);
    }

    /**
     * Values and paired differences are gated only when both files carry them: a leaderboard.csv has no
     * seeds to pair, a comparisons.csv no values, and neither is a reason to fail the other file's metrics.
     */
    static void dropKindMissingOnOneSide(Map<MetricKey, SeedStats> baseline, Map<MetricKey, SeedStats> current) {
        for (boolean difference : new boolean[] {false, true}) {
            boolean inBase = baseline.keySet().stream().anyMatch(k -> k.isDifference() == difference);
            boolean inCur = current.keySet().stream().anyMatch(k -> k.isDifference() == difference);
            if (inBase != inCur) {
                baseline.keySet().removeIf(k -> k.isDifference() == difference);
                current.keySet().removeIf(k -> k.isDifference() == difference);
            }
        }
    }

    /**
     * A GLUE score is the mean over the GLUE tasks present, so two scores over different task sets measure
     * different things: those are left out (their tasks are still compared one by one).
     */
    static void dropIncomparableGlueScores(Map<MetricKey, SeedStats> baseline, Map<MetricKey, SeedStats> current) {
        for (MetricKey key : new ArrayList<>(baseline.keySet())) {
            if (key.task().equals(MetricLine.GLUE_TASK) && current.containsKey(key)
                    && !glueTasks(baseline, key).equals(glueTasks(current, key))) {
                baseline.remove(key);
                current.remove(key);
            }
        }
    }

    private static TreeSet<String> glueTasks(Map<MetricKey, SeedStats> medians, MetricKey glue) {
        TreeSet<String> tasks = new TreeSet<>();
        for (String task : MetricConventions.GLUE_TASKS) {
            if (medians.containsKey(new MetricKey(glue.model(), glue.checkpointFraction(), task, MetricConventions.glueMetric(task)))) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /**
     * Reads a summary.csv, leaderboard.csv or comparisons.csv into medians per metric, without reference
     * lines. A summary.csv also gives every paired difference (see {@link PairedComparisons}): the median of
     * its per-seed differences under the key "A vs B" at A's fraction; a comparisons.csv gives only those.
     */
    public static Map<MetricKey, SeedStats> load(Path file) {
        CsvFile csv = CsvFile.read(file);
        Map<MetricKey, SeedStats> medians = new TreeMap<>();
        if (ComparisonsCsv.looksLikeComparisons(csv)) {
            for (ComparisonsCsv.Line l : ComparisonsCsv.parse(csv)) {
                put(file, medians, MetricKey.difference(l.modelA(), l.modelB(), l.fractionA(), l.task(), l.metric()), SeedStats.of(l.differences()));
            }
            if (medians.isEmpty()) {
                throw UserException.in(file, "no paired comparisons");
            }
            return medians;
        }
        List<MetricLine> lines;
        List<PairedDifference> differences = List.of();
        if (SummaryCsv.looksLikeSummary(csv)) {
            List<ResultRow> rows = SummaryCsv.parse(csv);
            lines = Leaderboard.of(rows).lines();
            differences = PairedComparisons.of(rows);
        } else if (LeaderboardCsv.looksLikeLeaderboard(csv)) {
            lines = LeaderboardCsv.parse(csv);
        } else {
            throw UserException.at(file, 1, "neither a summary.csv (no 'value' column), a leaderboard.csv (no 'median' column) "
                    + "nor a comparisons.csv (no 'mean_difference' column)");
        }
        for (MetricLine line : lines) {
            if (!line.reference()) {
                put(file, medians, MetricKey.of(line), line.stats());
            }
        }
        if (medians.isEmpty()) {
            throw UserException.in(file, "no measured metrics (empty, or only published reference rows)");
        }
        for (PairedDifference d : differences) {
            double[] diffs = d.pairs().stream().mapToDouble(SeedPair::difference).toArray();
            put(file, medians, MetricKey.difference(d.modelA(), d.modelB(), d.fractionA(), d.task(), d.metric()), SeedStats.of(diffs));
        }
        return medians;
    }

    private static void put(Path file, Map<MetricKey, SeedStats> medians, MetricKey key, SeedStats stats) {
        if (medians.put(key, stats) != null) {
            throw UserException.in(file, "metric " + key + " appears twice");
        }
    }
}
