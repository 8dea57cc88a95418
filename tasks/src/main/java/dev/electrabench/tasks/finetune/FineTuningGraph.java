package dev.electrabench.tasks.finetune;

import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.tasks.features.InputFeature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fine-tuning on SameDiff graphs: a {@link TrainingGraph} with static [batch, max_seq_length] inputs and
 * dropout, and a dropout-free {@link EvaluationGraph}, sharing the model's parameter arrays.
 */
final class FineTuningGraph<F> implements FineTuningBackend<F> {
    private final TaskAdapter<?, ?, F> adapter;
    private final int maxSeq;
    private final TrainingGraph training;
    private final EvaluationGraph evaluation;

    FineTuningGraph(TransformerModel model, TaskAdapter<?, ?, F> adapter, int batch, int maxSeq, FinetuneSection hp,
                    long totalSteps, long seed) {
        this.adapter = adapter;
        this.maxSeq = maxSeq;
        this.training = new TrainingGraph(model, adapter, batch, maxSeq, hp, totalSteps, seed);
        this.evaluation = new EvaluationGraph(model, batch);
    }

    @Override
    public double step(List<F> rows, long step) {
        Map<String, INDArray> feed = new HashMap<>(EncoderFeeds.of(rows.stream().map(adapter::input).toList(), maxSeq));
        feed.putAll(adapter.targets(rows));
        return training.step(feed, step, adapter.task().name());
    }

    @Override
    public List<float[]> outputs(List<InputFeature> rows, Progress progress) {
        return evaluation.outputs(rows, progress);
    }

    @Override
    public String path() {
        return "graph";
    }

    @Override
    public String padding() {
        return FinetuneSection.PAD_MAX_LENGTH; // static [batch, max_seq_length] shapes
    }

    @Override
    public int batches(int rows) {
        return evaluation.batches(rows);
    }

    @Override
    public void close() {
        training.close();
        evaluation.close();
    }
}
