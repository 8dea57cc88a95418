package dev.electrabench.tasks.finetune;

import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.train.SameDiffGradients;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training side of a fine-tuning run on SameDiff, built once: encoder + head with dropout on static
 * [batch, seq] inputs and the family's loss; the updates are {@link FineTuningUpdates}.
 */
final class TrainingGraph implements AutoCloseable {
    private static final String LOSS = "finetune_loss";

    private final SameDiffGradients gradients;
    private final FineTuningUpdates<Map<String, INDArray>> updates;

    TrainingGraph(TransformerModel model, TaskAdapter<?, ?, ?> adapter, int batch, int seq, FinetuneSection hp,
                  long totalSteps, long seed) {
        Architecture arch = model.architecture();
        SameDiff sd = SameDiff.create();
        // SameDiff's random ops take their seeds from the global RNG when the graph is built
        Nd4j.getRandom().setSeed(seed);
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd, batch, seq);
        String bb = arch.backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, model.parameters(), model.config(), bb, bb, in, true);
        SDVariable logits = arch.logits(sd, model.parameters(), model.config(), enc, in, true);
        adapter.loss(sd, logits, batch, seq).rename(LOSS);
        // SameDiffGradients keeps SameDiff's println off stdout
        this.gradients = new SameDiffGradients(sd, LOSS, model.parameters(), List.of());
        this.updates = new FineTuningUpdates<>(gradients, model, hp, totalSteps, seed);
    }

    /**
     * One update on a batch (encoder inputs and the adapter's targets); {@code step} = updates so far.
     *
     * @return the batch's loss
     */
    double step(Map<String, INDArray> feed, long step, String task) {
        return updates.step(feed, step, task); // the step seed also seeds the graph's dropout
    }

    /** Frees the graph's native array caches (the parameters belong to the model and stay). */
    @Override
    public void close() {
        gradients.close();
    }
}
