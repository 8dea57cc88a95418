package dev.electrabench.results.leaderboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of the leaderboard: a model at one checkpoint fraction.
 *
 * @param metrics         every (task, metric) measured, summarised over seeds, in display order
 * @param glueScore       mean over the GLUE tasks present of their paper-metric medians; NaN if none present
 * @param glueSpread      spread of the per-seed GLUE score (mean over the same tasks of one seed's values),
 *                        over the seeds present in every counted task; {@link SeedStats#NONE} if there are none
 * @param absentGlueTasks GLUE-score tasks without a value here (in {@link MetricConventions#GLUE_TASKS} order)
 */
public record LeaderboardEntry(
        String model,
        boolean reference,
        double checkpointFraction,
        double pretrainFlops,
        long params,
        SortedMap<TaskMetric, SeedStats> metrics,
        double glueScore,
        SeedStats glueSpread,
        List<String> absentGlueTasks) {

    public LeaderboardEntry {
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
        absentGlueTasks = List.copyOf(absentGlueTasks);
    }

    public Optional<SeedStats> stats(String task, String metric) {
        return Optional.ofNullable(metrics.get(new TaskMetric(task, metric)));
    }

    public boolean hasGlueScore() {
        return !Double.isNaN(glueScore);
    }

    /** The entry as leaderboard.csv lines: the GLUE score first (if any), then every metric. */
    public List<MetricLine> lines() {
        List<MetricLine> lines = new ArrayList<>();
        if (hasGlueScore()) {
            SeedStats glue = new SeedStats(glueSpread.seeds(), glueScore, glueSpread.sd(), glueSpread.min(), glueSpread.max());
            lines.add(line(new TaskMetric(MetricLine.GLUE_TASK, MetricLine.GLUE_METRIC), glue));
        }
        metrics.forEach((tm, stats) -> lines.add(line(tm, stats)));
        return lines;
    }

    private MetricLine line(TaskMetric tm, SeedStats stats) {
        return new MetricLine(model, reference, checkpointFraction, pretrainFlops, params, tm, stats);
    }
}
