package dev.electrabench.tasks.finetune;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.Example;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.features.InputFeature;
import dev.electrabench.tasks.registry.TaskRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * One fine-tuning optimizer step (forward + backward + AdamW) and the evaluation forward pass on a task's
 * real rows, set up as {@code finetune} runs them (same backend choice, padding, head and optimizer); for
 * {@code bench --task} and the JMH benchmark.
 */
public final class FineTuningStepRig implements AutoCloseable {
    private final Runner<?> runner;

    /**
     * @param rows training rows to cycle through (the first of the train split); the dev rows timed by
     *             {@link #evaluate} are the first {@code rows} of the dev split
     */
    public FineTuningStepRig(Path modelDir, String task, RunConfig cfg, Path dataDir, long seed, int rows) {
        Task<?, ?> t = TaskRegistry.get(task);
        FinetuneSection hp = cfg.finetune();
        WordPieceTokenizer tokenizer = FineTuner.tokenizer(modelDir, cfg, dataDir);
        int maxSeq = TaskAdapters.maxSeqLength(t, 0, hp.maxSeqLength());
        this.runner = new Runner<>(TaskAdapters.forTask(t, tokenizer, maxSeq), modelDir, hp, DataDir.resolve(dataDir), seed,
                rows, maxSeq);
    }

    /** The adapter's row type, bound once. */
    private static final class Runner<F> {
        final List<F> train;
        final List<InputFeature> dev;
        final FineTuningBackend<F> backend;
        final int batch;
        long step;

        <E extends Example> Runner(TaskAdapter<E, ?, F> adapter, Path modelDir, FinetuneSection hp, Path dataDir, long seed,
                                   int rows, int maxSeq) {
            List<E> trainExamples = adapter.task().examples(dataDir, Split.TRAIN);
            List<E> devExamples = adapter.task().examples(dataDir, Split.DEV);
            this.train = adapter.featurize(trainExamples.subList(0, Math.min(rows, trainExamples.size())), true);
            this.dev = adapter.featurize(devExamples.subList(0, Math.min(rows, devExamples.size())), false).stream()
                    .map(adapter::input).toList();
            this.batch = Math.min(hp.batchSize(), train.size());
            if (batch == 0) {
                throw new UserException(adapter.task().name() + ": no training rows to time");
            }
            TransformerModel model = FineTuner.modelFor(modelDir, adapter, hp, seed);
            // a long schedule: the timed steps run at the warmed-up learning rate's order of magnitude
            this.backend = FineTuner.backend(model, adapter, batch, maxSeq, hp, 1_000_000, seed);
        }

        double step() {
            int batches = train.size() / batch;
            int from = (int) (step % batches) * batch;
            return backend.step(train.subList(from, from + batch), step++);
        }
    }

    /** One update on the next batch; returns its loss. */
    public double step() {
        return runner.step();
    }

    public int batchSize() {
        return runner.batch;
    }

    /** Runs the evaluation forward pass over the dev rows; returns how many rows it scored. */
    public int evaluate() {
        runner.backend.outputs(runner.dev, null);
        return runner.dev.size();
    }

    /** "engine" or "graph": where the steps run. */
    public String path() {
        return runner.backend.path();
    }

    /** How the training batches are padded: {@code longest} or {@code max_length}. */
    public String padding() {
        return runner.backend.padding();
    }

    @Override
    public void close() {
        runner.backend.close();
    }
}
