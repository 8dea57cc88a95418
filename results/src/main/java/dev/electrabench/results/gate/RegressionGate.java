package dev.electrabench.results.gate;

import dev.electrabench.core.UserException;
import dev.electrabench.results.csv.CsvFile;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.MetricLine;
import dev.electrabench.results.leaderboard.SeedStats;
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

    /** Reads a summary.csv or leaderboard.csv into medians per metric, without reference lines. */
    public static Map<MetricKey, SeedStats> load(Path file) {
        CsvFile csv = CsvFile.read(file);
        List<MetricLine> lines;
        if (SummaryCsv.looksLikeSummary(csv)) {
            lines = Leaderboard.of(SummaryCsv.parse(csv)).lines();
        } else if (LeaderboardCsv.looksLikeLeaderboard(csv)) {
            lines = LeaderboardCsv.parse(csv);
        } else {
            throw UserException.at(file, 1, "neither a summary.csv (no 'value' column) nor a leaderboard.csv (no 'median' column)");
        }
        Map<MetricKey, SeedStats> medians = new TreeMap<>();
        for (MetricLine line : lines) {
            if (!line.reference() && medians.put(MetricKey.of(line), line.stats()) != null) {
                throw UserException.in(file, "metric " + MetricKey.of(line) + " appears twice");
            }
        }
        if (medians.isEmpty()) {
            throw UserException.in(file, "no measured metrics (empty, or only published reference rows)");
        }
        return medians;
    }
}
