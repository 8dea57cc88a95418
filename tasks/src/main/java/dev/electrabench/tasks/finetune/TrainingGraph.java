package dev.electrabench.tasks.finetune;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.optim.AdamW;
import dev.electrabench.core.optim.AdamWConfig;
import dev.electrabench.core.optim.LayerwiseLrDecay;
import dev.electrabench.core.optim.LearningRateSchedule;
import dev.electrabench.core.train.SameDiffGradients;
import dev.electrabench.core.train.TrainingStep;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training side of a fine-tuning run, built once: encoder + head with dropout on static [batch, seq]
 * inputs, the family's loss, ELECTRA's optimizer (AdamW without bias correction, β 0.9/0.999, ε 1e-6,
 * global-norm clip 1.0, the config's weight decay except on LayerNorm and biases) with layer-wise LR
 * multipliers, and the warmup + linear-decay schedule over all steps.
 */
final class TrainingGraph implements AutoCloseable {
    private static final String LOSS = "finetune_loss";

    private final SameDiff sd;
    private final SameDiffGradients gradients;
    private final TrainingStep<Map<String, INDArray>> trainer;
    private final LearningRateSchedule schedule;
    private final long seed;

    TrainingGraph(TransformerModel model, TaskAdapter<?, ?, ?> adapter, int batch, int seq, FinetuneSection hp,
                  long totalSteps, long seed) {
        this.seed = seed;
        Architecture arch = model.architecture();
        this.sd = SameDiff.create();
        // SameDiff's random ops take their seeds from the global RNG when the graph is built
        Nd4j.getRandom().setSeed(seed);
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd, batch, seq);
        String bb = arch.backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, model.parameters(), model.config(), bb, bb, in, true);
        SDVariable logits = arch.logits(sd, model.parameters(), model.config(), enc, in, true);
        adapter.loss(sd, logits, batch, seq).rename(LOSS);
        AdamW optimizer = new AdamW(AdamWConfig.electra().withWeightDecay(hp.weightDecay()));
        // SameDiffGradients keeps SameDiff's println off stdout
        this.gradients = new SameDiffGradients(sd, LOSS, model.parameters(), List.of());
        this.trainer = new TrainingStep<>(gradients, model.parameters(), optimizer);
        LayerwiseLrDecay.apply(optimizer, model.config().numHiddenLayers, hp.layerwiseLrDecay());
        this.schedule = LearningRateSchedule.fineTuning(hp.learningRate(), totalSteps, hp.warmupProportion());
    }

    /**
     * One update on a batch (encoder inputs and the adapter's targets); {@code step} = updates so far.
     *
     * @return the batch's loss
     */
    double step(Map<String, INDArray> feed, long step, String task) {
        try {
            return trainer.step(feed, seed * 1_000_003L + step, schedule.at(step)).loss(); // seeds this step's dropout
        } catch (TrainingStep.NonFiniteException e) {
            throw new UserException(task + ": fine-tuning diverged at step " + (step + 1) + " (" + e.getMessage()
                    + "); try a lower learning_rate");
        }
    }

    /** Frees the graph's native array caches (the parameters belong to the model and stay). */
    @Override
    public void close() {
        gradients.close();
    }
}
