package dev.electrabench.tasks.finetune;

import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.TaskModelEngine;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.core.train.LossAndGradients;
import dev.electrabench.tasks.features.InputFeature;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuning on the eager engine: one {@link TaskModelEngine} whose buffers, sized for [batch,
 * max_seq_length], serve both training (dropout on, each batch padded to its longest row, or every row to
 * max_seq_length with {@code finetune.padding: max_length}) and evaluation (dropout off, each batch cut to its
 * longest row). The loss and its gradient w.r.t. the logits come from
 * the task family ({@link TaskAdapter#engineLoss}); dropout masks from the engine's counter RNG, a function
 * of (seed, step).
 */
final class FineTuningEngine<F> implements FineTuningBackend<F> {
    private final TaskAdapter<?, ?, F> adapter;
    private final TaskModelEngine engine;
    private final FineTuningUpdates<List<F>> updates;
    private final int maxSeq;
    private final boolean padToLongest;

    FineTuningEngine(TransformerModel model, TaskAdapter<?, ?, F> adapter, int batch, int maxSeq, FinetuneSection hp,
                     long totalSteps, long seed) {
        this.adapter = adapter;
        this.maxSeq = maxSeq;
        this.padToLongest = hp.padToLongest();
        this.engine = new TaskModelEngine(model, batch, maxSeq, true);
        this.updates = new FineTuningUpdates<>(new Gradients(), model, hp, totalSteps, seed);
    }

    /** Loss and gradients of one training batch on the engine. */
    private final class Gradients implements LossAndGradients<List<F>> {
        @Override
        public Result compute(List<F> rows, long stepSeed) {
            List<InputFeature> inputs = rows.stream().map(adapter::input).toList();
            // the padding positions past the longest row change nothing but the work (the dropout masks are
            // keyed by position), except SQuAD's span softmax, which runs over the batch's positions as HF's
            int seq = padToLongest ? EncoderFeeds.longest(inputs) : maxSeq;
            FloatTensor logits = forward(inputs, seq, stepSeed, true);
            double loss = adapter.engineLoss(rows, seq, logits, engine.logitGradient());
            engine.backward();
            return new Result(loss, engine.gradients(), Map.of());
        }

        @Override
        public List<String> parameterNames() {
            return engine.parameterNames();
        }
    }

    private FloatTensor forward(List<InputFeature> rows, int seq, long stepSeed, boolean dropout) {
        int n = rows.size();
        int[][] ids = new int[n][];
        int[][] types = new int[n][];
        int[][] mask = new int[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = rows.get(i).inputIds();
            types[i] = rows.get(i).tokenTypeIds();
            mask[i] = rows.get(i).attentionMask();
        }
        return engine.forward(ids, types, mask, seq, stepSeed, dropout);
    }

    @Override
    public double step(List<F> rows, long step) {
        return updates.step(rows, step, adapter.task().name());
    }

    @Override
    public List<float[]> outputs(List<InputFeature> rows, Progress progress) {
        int batchSize = engine.maxBatch();
        List<float[]> out = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<InputFeature> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            int length = EncoderFeeds.longest(batch);
            FloatTensor logits = forward(batch, length, 0, false);
            FloatBuffer data = logits.data();
            int perRow = engine.logitRows() / batch.size() * engine.classes();
            for (int b = 0; b < batch.size(); b++) {
                float[] row = new float[perRow];
                data.get(b * perRow, row, 0, perRow);
                out.add(row);
            }
            if (progress != null) {
                progress.advance(1, batch.size());
            }
        }
        return out;
    }

    @Override
    public String path() {
        return "engine";
    }

    @Override
    public String padding() {
        return padToLongest ? FinetuneSection.PAD_LONGEST : FinetuneSection.PAD_MAX_LENGTH;
    }

    @Override
    public int batches(int rows) {
        return (rows + engine.maxBatch() - 1) / engine.maxBatch();
    }

    @Override
    public void close() {
        // the engine holds no graph or session: its buffers are ND4J arrays, released when collected
    }
}
