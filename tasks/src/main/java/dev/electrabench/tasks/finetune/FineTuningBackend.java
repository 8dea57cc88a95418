package dev.electrabench.tasks.finetune;

import dev.electrabench.core.runtime.Progress;
import dev.electrabench.tasks.features.InputFeature;
import java.util.List;

/**
 * Where a fine-tuning run's forward and backward passes run: the eager engine ({@link FineTuningEngine}, the
 * CPU default) or the SameDiff graph ({@link FineTuningGraph}: the reference, and the path on ND4J's CUDA
 * backend). Both evaluate each batch cut to its longest row; the engine trains on batches padded to their
 * longest row unless {@code finetune.padding} is {@code max_length}, the graph always on max_seq_length.
 *
 * @param <F> row (feature) type of the task family
 */
interface FineTuningBackend<F> extends AutoCloseable {
    /** One optimizer update on {@code rows}; {@code step} = updates so far. Returns the batch's loss. */
    double step(List<F> rows, long step);

    /**
     * The head's outputs per row, without dropout: [classes] for sequence classification, [positions ×
     * classes] for per-position heads, positions being the row's batch length.
     *
     * @param progress a bar to advance by each batch's rows, or null
     */
    List<float[]> outputs(List<InputFeature> rows, Progress progress);

    /** "engine" or "graph": where the passes run (result.json and {@code bench} record it). */
    String path();

    /** How training batches are padded here: {@code longest} or {@code max_length} (the graph's only way). */
    String padding();

    /** Batches {@link #outputs} needs for {@code rows} rows. */
    int batches(int rows);

    /** Frees what the backend holds (graph caches, engine buffers); the model's parameters stay. */
    @Override
    void close();
}
