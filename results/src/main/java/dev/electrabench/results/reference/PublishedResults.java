package dev.electrabench.results.reference;

import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Dev-set numbers published for the small ELECTRA models in the google-research/electra README
 * ("Expected Results": medians over many fine-tuning seeds of one checkpoint). Returned as reference
 * rows: run_id {@value RunInfo#REFERENCE_RUN_ID}, model name ending in {@value #SUFFIX}, no seed, the
 * citation in model_config, and wall-clock/throughput unknown.
 */
public final class PublishedResults {
    public static final String SUFFIX = " (published)";
    public static final String SOURCE = "google-research/electra README, Expected Results (dev)";

    private PublishedResults() {}

    /**
     * ELECTRA-Small++ (the released electra-small checkpoint): 4M steps at sequence length 512, generator
     * as wide as the discriminator; 3.3e19 pre-training FLOPs as in the paper's Table 8; 14M parameters.
     */
    public static List<ResultRow> electraSmallPlusPlus() {
        CheckpointInfo checkpoint = new CheckpointInfo("ELECTRA-Small++" + SUFFIX, SOURCE, 14_000_000L, 4_000_000L, 3.3e19, 1.0, Double.NaN, Double.NaN);
        List<ResultRow> rows = glue(checkpoint, 57.0, 91.2, 88.0, 87.5, 89.0, 81.3, 88.4, 66.7);
        rows.add(row(checkpoint, "squad1.1", "exact_match", 75.8));
        rows.add(row(checkpoint, "squad2.0", "exact_match", 70.1));
        return rows;
    }

    /**
     * ELECTRA-Small-OWT: ELECTRA-Small trained 1M steps on OpenWebText; 1.4e18 FLOPs is the paper's
     * Table 1 figure for ELECTRA-Small at 1M steps; 14M parameters.
     */
    public static List<ResultRow> electraSmallOwt() {
        CheckpointInfo checkpoint = new CheckpointInfo("ELECTRA-Small-OWT" + SUFFIX, SOURCE, 14_000_000L, 1_000_000L, 1.4e18, 1.0, Double.NaN, Double.NaN);
        return glue(checkpoint, 56.8, 88.3, 87.4, 86.8, 88.3, 78.9, 87.9, 68.5);
    }

    /** Both models. */
    public static List<ResultRow> all() {
        List<ResultRow> rows = new ArrayList<>(electraSmallPlusPlus());
        rows.addAll(electraSmallOwt());
        return List.copyOf(rows);
    }

    /** Values in GLUE-task order: CoLA MCC, SST-2 acc, MRPC acc, STS-B Spearman, QQP acc, MNLI-m acc, QNLI acc, RTE acc. */
    private static List<ResultRow> glue(CheckpointInfo checkpoint, double... values) {
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < MetricConventions.GLUE_TASKS.size(); i++) {
            String task = MetricConventions.GLUE_TASKS.get(i);
            rows.add(row(checkpoint, task, MetricConventions.glueMetric(task), values[i]));
        }
        return rows;
    }

    private static ResultRow row(CheckpointInfo checkpoint, String task, String metric, double value) {
        return new ResultRow(RunInfo.REFERENCE, checkpoint, task, "dev", OptionalLong.empty(), metric, value, Double.NaN);
    }
}
