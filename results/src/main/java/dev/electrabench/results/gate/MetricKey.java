package dev.electrabench.results.gate;

import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.MetricLine;
import java.util.Comparator;

/**
 * What the gate matches on between baseline and current: model, checkpoint fraction, task, metric. A paired
 * difference is keyed by "A vs B" as the model (see {@link #difference}).
 */
public record MetricKey(String model, double checkpointFraction, String task, String metric) implements Comparable<MetricKey> {
    private static final Comparator<MetricKey> ORDER = Comparator.comparing(MetricKey::model)
            .thenComparingDouble(MetricKey::checkpointFraction)
            .thenComparing((MetricKey k) -> k.task.equals(MetricLine.GLUE_TASK) ? -1 : MetricConventions.taskRank(k.task))
            .thenComparing(MetricKey::task)
            .thenComparingInt(k -> MetricConventions.metricRank(k.task, k.metric))
            .thenComparing(MetricKey::metric);

    /** Separates the two models of a paired difference in {@link #model()}: "electra vs bert". */
    public static final String VERSUS = " vs ";

    /** The key of the paired difference A − B (per-seed, same fine-tuning seed) at A's checkpoint fraction. */
    public static MetricKey difference(String modelA, String modelB, double fractionA, String task, String metric) {
        return new MetricKey(modelA + VERSUS + modelB, fractionA, task, metric);
    }

    /** True for the key of a paired difference rather than of a model's own value. */
    public boolean isDifference() {
        return model.contains(VERSUS);
    }

    public static MetricKey of(MetricLine line) {
        return new MetricKey(line.model(), line.checkpointFraction(), line.task(), line.metric());
    }

    @Override
    public int compareTo(MetricKey o) {
        return ORDER.compare(this, o);
    }
}
