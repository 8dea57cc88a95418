package dev.electrabench.results.leaderboard;

import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.registry.TaskRegistry;
import java.util.List;
import java.util.Set;

/**
 * How reports present a task's metrics: paper (headline) metrics first, then the GLUE leaderboard's extra
 * ones, then the rest, and the GLUE score over the paper's eight tasks. The facts (which metric the paper
 * reports for a task, which tasks make up the GLUE score, the task order) are the tasks module's
 * ({@link TaskRegistry}); tasks it does not know (e.g. of a published row) report accuracy.
 */
public final class MetricConventions {
    /** The eight tasks of the paper's GLUE score; WNLI is never counted, nor MNLI-mm or AX. */
    public static final List<String> GLUE_TASKS = TaskRegistry.glueScoreTasks();

    /** Display order of the tasks the tasks module knows; others follow alphabetically. */
    public static final List<String> TASK_ORDER = TaskRegistry.names();

    /** Where a (task, metric) comes from; "paper" metrics are the headline numbers. */
    public enum Convention {
        PAPER("paper"), LEADERBOARD("leaderboard"), OTHER("other");

        private final String label;

        Convention(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Convention fromLabel(String label) {
            for (Convention c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown convention '" + label + "' (paper, leaderboard or other)");
        }
    }

    /** Metrics where a smaller value is better; every metric we report today is higher-is-better. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("loss", "mse", "perplexity");

    private MetricConventions() {}

    /** The paper's metric(s) for {@code task}: accuracy unless listed otherwise. */
    public static List<String> paperMetrics(String task) {
        return TaskRegistry.find(task).map(Task::paperMetrics).orElse(List.of("accuracy"));
    }

    /** Extra GLUE-leaderboard metrics for {@code task} (MRPC/QQP F1, STS-B Pearson); usually none. */
    public static List<String> leaderboardMetrics(String task) {
        List<String> paper = paperMetrics(task);
        return TaskRegistry.find(task).map(t -> t.leaderboardMetrics().stream().filter(m -> !paper.contains(m)).toList())
                .orElse(List.of());
    }

    public static Convention conventionOf(String task, String metric) {
        if (paperMetrics(task).contains(metric)) {
            return Convention.PAPER;
        }
        return leaderboardMetrics(task).contains(metric) ? Convention.LEADERBOARD : Convention.OTHER;
    }

    /** The metric of a GLUE task that counts toward the GLUE score (its paper metric). */
    public static String glueMetric(String task) {
        if (!GLUE_TASKS.contains(task)) {
            throw new IllegalArgumentException(task + " is not one of the GLUE-score tasks " + GLUE_TASKS);
        }
        return paperMetrics(task).get(0);
    }

    public static boolean higherIsBetter(String metric) {
        return !LOWER_IS_BETTER.contains(metric);
    }

    /** Position of a task in display order; unknown tasks sort after all known ones. */
    public static int taskRank(String task) {
        int i = TASK_ORDER.indexOf(task);
        return i >= 0 ? i : TASK_ORDER.size();
    }

    /** Position of a metric within its task: paper metrics, then leaderboard metrics, then the rest. */
    public static int metricRank(String task, String metric) {
        int i = paperMetrics(task).indexOf(metric);
        if (i >= 0) {
            return i;
        }
        int j = leaderboardMetrics(task).indexOf(metric);
        return j >= 0 ? 10 + j : 100;
    }
}
