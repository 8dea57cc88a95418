package dev.electrabench.harness.compare;

import dev.electrabench.core.runtime.ProgressFormat;
import java.util.Locale;

/**
 * A comparison's progress as a whole: pre-training FLOPs and fine-tuning runs done, and the time left from the
 * rates measured so far (seconds per pre-training FLOP over the runs this process trained, seconds per fine-tuning
 * run over the runs done). Pre-training and each fine-tuning grid show their own bars; this is the line between
 * them that says how long the whole {@code compare} still needs. Until a rate it needs is measured its ETA is
 * unknown, and says so.
 */
final class OverallEta {
    private final double pretrainFlops;
    private final long runs;
    private final int models;
    private double flopsDone;
    private double flopsTimed;
    private double pretrainSeconds;
    private int modelsDone;
    private long runsDone;
    private double runSeconds;

    /**
     * @param pretrainFlops every model's pre-training FLOPs to the budget
     * @param models        the models pre-trained
     * @param runs          the fine-tuning runs (checkpoints × tasks × seeds)
     */
    OverallEta(double pretrainFlops, int models, long runs) {
        this.pretrainFlops = pretrainFlops;
        this.models = models;
        this.runs = runs;
    }

    /** A model's pre-training is done; {@code seconds} is this process's time on it (0 when it was done before). */
    void pretrained(double flops, double seconds) {
        flopsDone += flops;
        modelsDone++;
        if (seconds > 0) {
            flopsTimed += flops;
            pretrainSeconds += seconds;
        }
    }

    /** A fine-tuning run is done (or read back), having taken {@code seconds}. */
    void fineTuned(double seconds) {
        runsDone++;
        runSeconds += seconds;
    }

    /** Seconds the rest should take; NaN while a rate it needs is not measured yet. */
    double secondsLeft() {
        double left = 0;
        double flopsLeft = pretrainFlops - flopsDone;
        if (flopsLeft > 0) {
            if (flopsTimed == 0) {
                return Double.NaN;
            }
            left += flopsLeft * pretrainSeconds / flopsTimed;
        }
        long runsLeft = runs - runsDone;
        if (runsLeft > 0) {
            if (runsDone == 0) {
                return Double.NaN;
            }
            left += runsLeft * runSeconds / runsDone;
        }
        return left;
    }

    /** E.g. {@code compare: pre-training 2/2 models, fine-tuning 5/18 runs; ETA 3:12}. */
    String line() {
        double left = secondsLeft();
        String eta = Double.isNaN(left) ? (modelsDone < models && flopsTimed == 0 ? "ETA after the first pre-training"
                : "ETA after the first fine-tuning run") : "ETA " + ProgressFormat.duration(left);
        return String.format(Locale.ROOT, "compare: pre-training %d/%d models, fine-tuning %d/%d runs; %s", modelsDone, models,
                runsDone, runs, eta);
    }
}
