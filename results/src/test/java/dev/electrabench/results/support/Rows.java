package dev.electrabench.results.support;

import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;

/** Hand-made result rows for tests. */
public final class Rows {
    public static final RunInfo RUN = new RunInfo("run-1", "2025-01-31T12:00:00Z", "abc123", "f00d", "nd4j-native", "test-cpu", "0.1.0");

    private Rows() {}

    public static CheckpointInfo checkpoint(String model, double fraction, double flops) {
        return new CheckpointInfo(model, "configs/" + model + ".yaml", 13_500_000L, (long) (1000 * fraction), flops, fraction, 60.0 * fraction, 1000.0);
    }

    public static ResultRow row(String model, double fraction, double flops, String task, String metric, long seed, double value) {
        return ResultRow.measured(RUN, checkpoint(model, fraction, flops), task, "dev", seed, metric, value, 12.5);
    }
}
