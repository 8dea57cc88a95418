package dev.electrabench.results.leaderboard;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which metric of which task the ELECTRA paper reports, which extra metrics the GLUE leaderboard uses,
 * and which tasks make up the GLUE score (google-research/electra {@code classification_metrics.py};
 * docs/electra-reference.md section 4.2).
 */
public final class MetricConventions {
    /** The eight tasks of the paper's GLUE score; WNLI is never counted, nor MNLI-mm or AX. */
    public static final List<String> GLUE_TASKS = List.of("cola", "sst2", "mrpc", "stsb", "qqp", "mnli-m", "qnli", "rte");

    /** Display order of the tasks the tasks module knows; others follow alphabetically. */
    public static final List<String> TASK_ORDER = List.of(
            "cola", "sst2", "mrpc", "stsb", "qqp", "mnli-m", "mnli-mm", "qnli", "rte", "wnli", "ax",
            "squad1.1", "squad2.0", "squad1.1-devsplit", "conll2003");

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

    private static final Map<String, List<String>> PAPER = Map.ofEntries(
            Map.entry("cola", List.of("mcc")),
            Map.entry("stsb", List.of("spearman")),
            Map.entry("ax", List.of("mcc")), // GLUE diagnostic: R3 = Matthews correlation
            Map.entry("squad1.1", List.of("f1", "exact_match")),
            Map.entry("squad2.0", List.of("f1", "exact_match")),
            Map.entry("squad1.1-devsplit", List.of("f1", "exact_match")),
            Map.entry("conll2003", List.of("f1")));

    private static final Map<String, List<String>> LEADERBOARD = Map.of(
            "mrpc", List.of("f1"),
            "qqp", List.of("f1"),
            "stsb", List.of("pearson"));

    /** Metrics where a smaller value is better; every metric we report today is higher-is-better. */
    private static final Set<String> LOWER_IS_BETTER = Set.of("loss", "mse", "perplexity");

    private MetricConventions() {}

    /** The paper's metric(s) for {@code task}: accuracy unless listed otherwise. */
    public static List<String> paperMetrics(String task) {
        return PAPER.getOrDefault(task, List.of("accuracy"));
    }

    /** Extra GLUE-leaderboard metrics for {@code task} (MRPC/QQP F1, STS-B Pearson); usually none. */
    public static List<String> leaderboardMetrics(String task) {
        return LEADERBOARD.getOrDefault(task, List.of());
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
