package dev.electrabench.results.gate;

import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.MetricLine;
import java.util.Comparator;

/** What the gate matches on between baseline and current: model, checkpoint fraction, task, metric. */
public record MetricKey(String model, double checkpointFraction, String task, String metric) implements Comparable<MetricKey> {
    private static final Comparator<MetricKey> ORDER = Comparator.comparing(MetricKey::model)
            .thenComparingDouble(MetricKey::checkpointFraction)
            .thenComparing((MetricKey k) -> k.task.equals(MetricLine.GLUE_TASK) ? -1 : MetricConventions.taskRank(k.task))
            .thenComparing(MetricKey::task)
            .thenComparingInt(k -> MetricConventions.metricRank(k.task, k.metric))
            .thenComparing(MetricKey::metric);

    public static MetricKey of(MetricLine line) {
        return new MetricKey(line.model(), line.checkpointFraction(), line.task(), line.metric());
    }

    @Override
    public int compareTo(MetricKey o) {
        return ORDER.compare(this, o);
    }
}
