package dev.electrabench.results.leaderboard;

/**
 * One line of {@code leaderboard.csv}: one metric of one (model, checkpoint fraction) summarised over
 * seeds. The GLUE score is the line with task {@value #GLUE_TASK} and metric {@value #GLUE_METRIC}: its
 * {@code stats.median()} is the GLUE score itself (mean of the task medians) while seeds/sd/min/max
 * describe the per-seed GLUE scores (see {@link LeaderboardEntry#glueSpread()}).
 */
public record MetricLine(
        String model,
        boolean reference,
        double checkpointFraction,
        double pretrainFlops,
        long params,
        TaskMetric taskMetric,
        SeedStats stats) {
    public static final String GLUE_TASK = "glue";
    public static final String GLUE_METRIC = "score";

    public String task() {
        return taskMetric.task();
    }

    public String metric() {
        return taskMetric.metric();
    }

    public boolean isGlueScore() {
        return GLUE_TASK.equals(task()) && GLUE_METRIC.equals(metric());
    }
}
