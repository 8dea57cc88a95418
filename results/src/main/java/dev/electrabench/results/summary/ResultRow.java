package dev.electrabench.results.summary;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One metric value with its provenance: one line of {@code summary.csv}.
 *
 * @param run           the run that produced it ({@link RunInfo#REFERENCE} for published numbers)
 * @param checkpoint    the pre-trained model it was fine-tuned from
 * @param task          task name as in the tasks module ("cola", "mnli-m", "squad1.1", "conll2003")
 * @param split         evaluation split ("dev", "test", ...)
 * @param seed          fine-tuning seed; empty for published numbers (themselves medians over seeds)
 * @param metric        metric name ("accuracy", "mcc", "spearman", "pearson", "f1", "exact_match")
 * @param value         metric value x 100 (accuracy 0.873 is 87.3), as in the ELECTRA paper
 * @param finetuneWallS fine-tuning plus evaluation wall-clock seconds; NaN if unknown
 */
public record ResultRow(
        RunInfo run,
        CheckpointInfo checkpoint,
        String task,
        String split,
        OptionalLong seed,
        String metric,
        double value,
        double finetuneWallS) {

    public ResultRow {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(seed, "seed");
        requireName("task", task);
        requireName("split", split);
        requireName("metric", metric);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + task + "/" + metric + " must be finite, got " + value);
        }
        if (!Double.isNaN(finetuneWallS) && !(finetuneWallS >= 0 && Double.isFinite(finetuneWallS))) {
            throw new IllegalArgumentException("finetuneWallS must be >= 0 or NaN, got " + finetuneWallS);
        }
    }

    private static void requireName(String what, String s) {
        Objects.requireNonNull(s, what);
        if (s.isBlank() || !s.equals(s.trim())) {
            throw new IllegalArgumentException(what + " must be a non-blank name without surrounding spaces: '" + s + "'");
        }
    }

    /** A measured result of one fine-tuning seed. */
    public static ResultRow measured(RunInfo run, CheckpointInfo checkpoint, String task, String split, long seed, String metric, double value, double finetuneWallS) {
        return new ResultRow(run, checkpoint, task, split, OptionalLong.of(seed), metric, value, finetuneWallS);
    }

    /** True for published reference numbers (run_id {@value RunInfo#REFERENCE_RUN_ID}). */
    public boolean isReference() {
        return run.isReference();
    }

    public String model() {
        return checkpoint.model();
    }

    public double checkpointFraction() {
        return checkpoint.checkpointFraction();
    }
}
