package dev.electrabench.results.summary;

import java.util.Objects;

/**
 * The pre-trained model a result was fine-tuned from. A "no pre-training" control has
 * {@code pretrainSteps == 0}, {@code pretrainFlops == 0} and {@code checkpointFraction == 0}; a checkpoint
 * trained elsewhere (imported with {@code evaluate}) has unknown FLOPs, NaN.
 *
 * @param model              display name of the model family ("ELECTRA-Small", "BERT-Small")
 * @param modelConfig        config name or path it was built from; for references, the citation
 * @param params             parameter count of the fine-tuned encoder
 * @param pretrainSteps      pre-training steps taken to reach this checkpoint
 * @param pretrainFlops      pre-training FLOPs to reach it, in the ELECTRA paper convention
 *                           ({@code flops_computation.py}: backward = forward, train = 2 x forward);
 *                           NaN if unknown (an external checkpoint)
 * @param checkpointFraction fraction of the planned pre-training budget (1.0 = the full run)
 * @param pretrainWallS      pre-training wall-clock seconds to reach it; NaN if unknown
 * @param tokensPerS         pre-training throughput, input token positions per second; NaN if unknown
 */
public record CheckpointInfo(
        String model,
        String modelConfig,
        long params,
        long pretrainSteps,
        double pretrainFlops,
        double checkpointFraction,
        double pretrainWallS,
        double tokensPerS) {

    public CheckpointInfo {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        modelConfig = Objects.requireNonNullElse(modelConfig, "");
        if (params < 0 || pretrainSteps < 0) {
            throw new IllegalArgumentException("params and pretrainSteps must be >= 0");
        }
        requireNonNegative("pretrainFlops", pretrainFlops, true);
        requireNonNegative("checkpointFraction", checkpointFraction, false);
        requireNonNegative("pretrainWallS", pretrainWallS, true);
        requireNonNegative("tokensPerS", tokensPerS, true);
    }

    private static void requireNonNegative(String name, double v, boolean nanAllowed) {
        if (Double.isNaN(v) ? !nanAllowed : (v < 0 || Double.isInfinite(v))) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0" + (nanAllowed ? " or NaN" : "") + ", got " + v);
        }
    }

    /** False for the "no pre-training" control (zero FLOPs). */
    public boolean isPretrained() {
        return !(pretrainFlops == 0);
    }
}
