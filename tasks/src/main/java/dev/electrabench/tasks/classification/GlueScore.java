package dev.electrabench.tasks.classification;

import java.util.List;
import java.util.Map;

/**
 * The GLUE benchmark averages over per-task scores ({@code task name → scorer result}).
 *
 * <ul>
 *   <li>ELECTRA paper ("GLUE score" of its dev tables): plain mean of the primary metric of the eight
 *       tasks CoLA, SST-2, MRPC, STS-B, QQP, MNLI (matched), QNLI, RTE; WNLI and AX left out.
 *   <li>GLUE leaderboard: each task scores the mean of its leaderboard metrics, MNLI the mean of matched
 *       and mismatched accuracy; the score is the mean over the nine tasks including WNLI, AX left out.
 *       (Checked on BERT-Large's published test row: CoLA 60.5, SST-2 94.9, MRPC 89.3/85.4, STS-B
 *       87.6/86.5, QQP 72.1/89.3, MNLI 86.7/85.9, QNLI 92.7, RTE 70.1, WNLI 65.1 averages to 80.5, its
 *       published score; counting MNLI-m and -mm as two tasks would give 81.1.)
 * </ul>
 */
public final class GlueScore {
    private GlueScore() {}

    public static final List<GlueTask> PAPER_TASKS = List.of(
            GlueTasks.COLA, GlueTasks.SST2, GlueTasks.MRPC, GlueTasks.STSB, GlueTasks.QQP,
            GlueTasks.MNLI_MATCHED, GlueTasks.QNLI, GlueTasks.RTE);

    /** The ELECTRA paper's GLUE score; every task of {@link #PAPER_TASKS} must be present. */
    public static double paper(Map<String, Map<String, Double>> byTask) {
        double sum = 0;
        for (GlueTask task : PAPER_TASKS) {
            sum += metric(byTask, task, task.primaryMetric());
        }
        return sum / PAPER_TASKS.size();
    }

    /** The GLUE leaderboard score; needs all tasks except AX. */
    public static double leaderboard(Map<String, Map<String, Double>> byTask) {
        double sum = 0;
        int tasks = 0;
        for (GlueTask task : List.of(GlueTasks.COLA, GlueTasks.SST2, GlueTasks.MRPC, GlueTasks.STSB, GlueTasks.QQP,
                GlueTasks.QNLI, GlueTasks.RTE, GlueTasks.WNLI)) {
            sum += leaderboardTaskScore(byTask, task);
            tasks++;
        }
        double mnli = (leaderboardTaskScore(byTask, GlueTasks.MNLI_MATCHED)
                + leaderboardTaskScore(byTask, GlueTasks.MNLI_MISMATCHED)) / 2;
        return (sum + mnli) / (tasks + 1);
    }

    /** Mean of the task's leaderboard metrics (e.g. (F1 + accuracy) / 2 for MRPC). */
    public static double leaderboardTaskScore(Map<String, Map<String, Double>> byTask, GlueTask task) {
        double sum = 0;
        for (String metric : task.leaderboardMetrics()) {
            sum += metric(byTask, task, metric);
        }
        return sum / task.leaderboardMetrics().size();
    }

    private static double metric(Map<String, Map<String, Double>> byTask, GlueTask task, String metric) {
        Map<String, Double> scores = byTask.get(task.name());
        if (scores == null || scores.get(metric) == null) {
            throw new IllegalArgumentException("GLUE score needs " + task.name() + " " + metric);
        }
        return scores.get(metric);
    }
}
