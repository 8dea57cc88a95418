package dev.electrabench.tasks.finetune;

import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.core.train.GraphMemory;
import dev.electrabench.tasks.features.InputFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The eval-mode (dropout-free) graph of a model, built once and sharing the model's parameter arrays
 * with the training graph, so it always sees the latest weights. Runs rows in batches with dynamic
 * shapes, each batch cut to its longest row.
 */
final class EvaluationGraph implements AutoCloseable {
    private static final String LOGITS = "eval_logits";

    private final SameDiff sd = SameDiff.create();
    private final int batchSize;

    EvaluationGraph(TransformerModel model, int batchSize) {
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd);
        String bb = model.architecture().backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, model.parameters(), model.config(), bb, bb, in, false);
        SDVariable logits = model.architecture().logits(sd, model.parameters(), model.config(), enc, in, false);
        logits.rename(LOGITS);
        this.batchSize = batchSize;
    }

    /**
     * The head's outputs per row: [classes] for sequence classification, [positions × classes] for
     * per-position heads, positions being the row's batch length.
     *
     * @param progress a bar to advance by each batch's rows, or null
     */
    List<float[]> outputs(List<InputFeature> rows, Progress progress) {
        List<float[]> out = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<InputFeature> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            int length = EncoderFeeds.longest(batch);
            INDArray logits = sd.output(EncoderFeeds.of(batch, length), LOGITS).get(LOGITS);
            float[] all = logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
            GraphMemory.free(List.of(logits));
            int perRow = all.length / batch.size();
            for (int b = 0; b < batch.size(); b++) {
                out.add(Arrays.copyOfRange(all, b * perRow, (b + 1) * perRow));
            }
            if (progress != null) {
                progress.advance(1, batch.size());
            }
        }
        return out;
    }

    /** Batches {@link #outputs} needs for {@code rows}. */
    int batches(int rows) {
        return (rows + batchSize - 1) / batchSize;
    }

    /** Frees the graph's native array caches (one per batch length seen). */
    @Override
    public void close() {
        GraphMemory.release(sd);
    }
}
