package dev.electrabench.core.pretrain;

import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.train.LossAndGradients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a pre-training method contributes to the shared loop ({@link Pretrainer}): its parameters, its
 * training graph and loss, its per-step metrics, its masking and its FLOPs; the loop, optimizer,
 * checkpoints, resume and FLOP budget are written once.
 */
public interface PretrainingObjective {
    /** "electra" or "bert". */
    String name();

    /** Every trainable tensor, by graph variable name. */
    Parameters parameters();

    /**
     * Adds the training graph (dropout on, static shapes for {@code batchSize} so its random draws are
     * reproducible) to {@code sd}; returns the loss variable's name.
     */
    String buildTrainingGraph(SameDiff sd, int batchSize);

    /**
     * The same training step (loss, gradients, {@link #metricNames} as metrics) computed by the eager engine,
     * when this objective has one: faster than the SameDiff graph. Empty: use {@link #buildTrainingGraph}.
     */
    default Optional<LossAndGradients<MaskedBatch>> engineStep() {
        return Optional.empty();
    }

    /** Scalar graph outputs reported per logging step (also metrics.csv columns). */
    List<String> metricNames();

    /** The training graph's placeholder values for one masked batch (the engine reads the batch itself). */
    Map<String, INDArray> graphFeed(MaskedBatch batch);

    MaskingConfig masking();

    /** Paper-convention training FLOPs of one step at this batch size. */
    double trainFlopsPerStep(int batchSize);

    /** Matmul FLOPs one training step executes ({@code MatmulFlops}): the numerator of MFU. */
    double matmulFlopsPerStep(int batchSize);

    /** Writes the model(s) as complete HF folders under {@code dir}, with the tokenizer files of {@code vocab}. */
    void saveModels(Path dir, Vocab vocab);

    /** Restores every parameter from folders written by {@link #saveModels}. */
    void loadModels(Path dir);

    /** The folder under a checkpoint that fine-tuning should start from (ELECTRA: the discriminator). */
    String fineTuneFolder();
}
