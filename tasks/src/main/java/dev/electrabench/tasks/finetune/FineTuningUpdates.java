package dev.electrabench.tasks.finetune;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.optim.AdamW;
import dev.electrabench.core.optim.AdamWConfig;
import dev.electrabench.core.optim.LayerwiseLrDecay;
import dev.electrabench.core.optim.LearningRateSchedule;
import dev.electrabench.core.train.LossAndGradients;
import dev.electrabench.core.train.TrainingStep;

/**
 * Fine-tuning's optimizer steps, whatever computes the gradients (graph or engine): ELECTRA's optimizer
 * (AdamW without bias correction, β 0.9/0.999, ε 1e-6, global-norm clip 1.0, the config's weight decay except
 * on LayerNorm and biases) with layer-wise LR multipliers, and the warmup + linear-decay schedule over all steps.
 */
final class FineTuningUpdates<B> {
    private final TrainingStep<B> trainer;
    private final LearningRateSchedule schedule;
    private final long seed;

    FineTuningUpdates(LossAndGradients<B> source, TransformerModel model, FinetuneSection hp, long totalSteps, long seed) {
        this.seed = seed;
        AdamW optimizer = new AdamW(AdamWConfig.electra().withWeightDecay(hp.weightDecay()));
        this.trainer = new TrainingStep<>(source, model.parameters(), optimizer);
        LayerwiseLrDecay.apply(optimizer, model.config().numHiddenLayers, hp.layerwiseLrDecay());
        this.schedule = LearningRateSchedule.fineTuning(hp.learningRate(), totalSteps, hp.warmupProportion());
    }

    /** The seed of every random draw (dropout) of update {@code step}. */
    long stepSeed(long step) {
        return seed * 1_000_003L + step;
    }

    /**
     * One update on a batch; {@code step} = updates so far.
     *
     * @return the batch's loss
     */
    double step(B batch, long step, String task) {
        try {
            return trainer.step(batch, stepSeed(step), schedule.at(step)).loss();
        } catch (TrainingStep.NonFiniteException e) {
            throw new UserException(task + ": fine-tuning diverged at step " + (step + 1) + " (" + e.getMessage()
                    + "); try a lower learning_rate");
        }
    }
}
