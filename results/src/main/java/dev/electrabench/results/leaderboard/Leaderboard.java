package dev.electrabench.results.leaderboard;

import dev.electrabench.results.summary.ResultRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Summarises result rows per (model, checkpoint fraction): the median over seeds of every task metric,
 * the GLUE score in the ELECTRA paper convention (mean of the eight tasks' paper-metric medians, WNLI
 * excluded, over the tasks present) and the seed spread. Entries are sorted by GLUE score, highest
 * first (entries without one last), then by model name and checkpoint fraction.
 *
 * <p>Rows of one (model, fraction) are pooled whatever run they came from; their pre-training FLOPs and
 * parameter count are taken from the first such row (they are expected to agree).
 */
public final class Leaderboard {
    private static final Comparator<LeaderboardEntry> ORDER = Comparator
            .comparing((LeaderboardEntry e) -> e.hasGlueScore() ? -e.glueScore() : Double.POSITIVE_INFINITY)
            .thenComparing(LeaderboardEntry::model)
            .thenComparingDouble(LeaderboardEntry::checkpointFraction)
            .thenComparing(LeaderboardEntry::reference);

    private final List<LeaderboardEntry> entries;

    private Leaderboard(List<LeaderboardEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Leaderboard of(List<ResultRow> rows) {
        Map<GroupKey, List<ResultRow>> groups = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            groups.computeIfAbsent(new GroupKey(row.model(), row.isReference(), row.checkpointFraction()), k -> new ArrayList<>()).add(row);
        }
        List<LeaderboardEntry> entries = new ArrayList<>();
        groups.forEach((key, group) -> entries.add(entry(key, group)));
        entries.sort(ORDER);
        return new Leaderboard(entries);
    }

    private record GroupKey(String model, boolean reference, double fraction) {}

    private static LeaderboardEntry entry(GroupKey key, List<ResultRow> group) {
        Map<TaskMetric, List<Double>> values = new TreeMap<>();
        for (ResultRow row : group) {
            values.computeIfAbsent(new TaskMetric(row.task(), row.metric()), k -> new ArrayList<>()).add(row.value());
        }
        TreeMap<TaskMetric, SeedStats> metrics = new TreeMap<>();
        values.forEach((tm, vs) -> metrics.put(tm, SeedStats.of(vs)));

        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        double sum = 0;
        for (String task : MetricConventions.GLUE_TASKS) {
            SeedStats s = metrics.get(new TaskMetric(task, MetricConventions.glueMetric(task)));
            if (s == null) {
                absent.add(task);
            } else {
                present.add(task);
                sum += s.median();
            }
        }
        double glueScore = present.isEmpty() ? Double.NaN : sum / present.size();
        ResultRow first = group.get(0);
        return new LeaderboardEntry(key.model(), key.reference(), key.fraction(), first.checkpoint().pretrainFlops(),
                first.checkpoint().params(), metrics, glueScore, perSeedGlueSpread(group, present), absent);
    }

    /**
     * Spread of the GLUE score across seeds: for each seed present in every counted task, the mean over
     * those tasks of that seed's value (a seed measured twice for a task contributes its mean).
     */
    private static SeedStats perSeedGlueSpread(List<ResultRow> group, List<String> glueTasks) {
        if (glueTasks.isEmpty()) {
            return SeedStats.NONE;
        }
        Map<Long, Map<String, List<Double>>> bySeed = new TreeMap<>();
        for (ResultRow row : group) {
            if (row.seed().isPresent() && glueTasks.contains(row.task()) && row.metric().equals(MetricConventions.glueMetric(row.task()))) {
                bySeed.computeIfAbsent(row.seed().getAsLong(), s -> new TreeMap<>())
                        .computeIfAbsent(row.task(), t -> new ArrayList<>()).add(row.value());
            }
        }
        List<Double> scores = new ArrayList<>();
        Set<String> required = new TreeSet<>(glueTasks);
        for (Map<String, List<Double>> tasks : bySeed.values()) {
            if (!tasks.keySet().equals(required)) {
                continue;
            }
            double sum = 0;
            for (List<Double> vs : tasks.values()) {
                sum += vs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            }
            scores.add(sum / tasks.size());
        }
        return SeedStats.of(scores);
    }

    public List<LeaderboardEntry> entries() {
        return entries;
    }

    /** All entries as leaderboard.csv lines, in leaderboard order. */
    public List<MetricLine> lines() {
        List<MetricLine> lines = new ArrayList<>();
        for (LeaderboardEntry e : entries) {
            lines.addAll(e.lines());
        }
        return lines;
    }

    /**
     * Which GLUE-score tasks were absent, grouped by the set of absent tasks, e.g. "GLUE score is the
     * mean over the GLUE tasks present; absent: qqp, mnli-m (every measured entry)." ; "" when no entry
     * lacks any.
     */
    public String absentGlueTasksNote() {
        Map<List<String>, List<LeaderboardEntry>> byAbsent = new LinkedHashMap<>();
        for (LeaderboardEntry e : entries) {
            if (!e.absentGlueTasks().isEmpty()) {
                byAbsent.computeIfAbsent(e.absentGlueTasks(), k -> new ArrayList<>()).add(e);
            }
        }
        if (byAbsent.isEmpty()) {
            return "";
        }
        long measured = entries.stream().filter(e -> !e.reference()).count();
        List<String> parts = new ArrayList<>();
        byAbsent.forEach((absent, group) -> {
            String who = group.size() == measured && group.stream().noneMatch(LeaderboardEntry::reference)
                    ? "every measured entry"
                    : String.join(", ", group.stream().map(e -> e.model() + " @ " + LeaderboardFormat.fraction(e.checkpointFraction())).toList());
            parts.add(String.join(", ", absent) + " (" + who + ")");
        });
        return "GLUE score is the mean over the GLUE tasks present; absent: " + String.join("; ", parts) + ".";
    }
}
