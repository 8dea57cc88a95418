package dev.electrabench.results.leaderboard;

import java.util.Locale;
import java.util.Map;

/** How leaderboard numbers and names are shown to people (Markdown, plots, gate tables). */
public final class LeaderboardFormat {
    private static final Map<String, String> TASK_NAMES = Map.ofEntries(
            Map.entry("cola", "CoLA"), Map.entry("sst2", "SST-2"), Map.entry("mrpc", "MRPC"),
            Map.entry("stsb", "STS-B"), Map.entry("qqp", "QQP"), Map.entry("mnli-m", "MNLI-m"),
            Map.entry("mnli-mm", "MNLI-mm"), Map.entry("qnli", "QNLI"), Map.entry("rte", "RTE"),
            Map.entry("wnli", "WNLI"), Map.entry("ax", "AX"), Map.entry("squad1.1", "SQuAD 1.1"),
            Map.entry("squad2.0", "SQuAD 2.0"), Map.entry("squad1.1-devsplit", "SQuAD 1.1 (dev split)"),
            Map.entry("conll2003", "CoNLL-2003"), Map.entry(MetricLine.GLUE_TASK, "GLUE"));

    private static final Map<String, String> METRIC_NAMES = Map.of(
            "accuracy", "acc", "mcc", "MCC", "spearman", "Spearman", "pearson", "Pearson",
            "f1", "F1", "exact_match", "EM", MetricLine.GLUE_METRIC, "score");

    private LeaderboardFormat() {}

    public static String taskName(String task) {
        return TASK_NAMES.getOrDefault(task, task);
    }

    public static String metricName(String metric) {
        return METRIC_NAMES.getOrDefault(metric, metric);
    }

    /** "CoLA MCC", "MRPC F1". */
    public static String label(TaskMetric tm) {
        return taskName(tm.task()) + " " + metricName(tm.metric());
    }

    /** A metric value (x 100) with two decimals; "–" when unknown. */
    public static String value(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** "1.29e+18"; "0" for the no-pre-training control. */
    public static String flops(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** A checkpoint fraction without trailing zeros: "1", "0.25", "0.0625". */
    public static String fraction(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "sd 0.41, 79.20–80.10, n=3"; just "n=1" for a single seed; "–" for none. */
    public static String spread(SeedStats s) {
        if (s.seeds() == 0) {
            return "–";
        }
        if (s.seeds() == 1) {
            return "n=1";
        }
        return "sd " + value(s.sd()) + ", " + value(s.min()) + "–" + value(s.max()) + ", n=" + s.seeds();
    }
}
