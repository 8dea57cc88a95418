package dev.electrabench.results.leaderboard;

import java.util.Comparator;

/** A metric of a task, e.g. (mrpc, f1). Sorted in display order (see {@link MetricConventions}). */
public record TaskMetric(String task, String metric) implements Comparable<TaskMetric> {
    private static final Comparator<TaskMetric> ORDER = Comparator
            .comparingInt((TaskMetric m) -> MetricConventions.taskRank(m.task))
            .thenComparing(TaskMetric::task)
            .thenComparingInt(m -> MetricConventions.metricRank(m.task, m.metric))
            .thenComparing(TaskMetric::metric);

    @Override
    public int compareTo(TaskMetric other) {
        return ORDER.compare(this, other);
    }

    public MetricConventions.Convention convention() {
        return MetricConventions.conventionOf(task, metric);
    }

    @Override
    public String toString() {
        return task + "/" + metric;
    }
}
