package dev.electrabench.tasks.finetune;

import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.tasks.Example;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.features.InputFeature;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What fine-tuning needs from one task family besides its examples and scorer: rows, the head and its
 * loss, decoding of the head's outputs, and the family's prediction files.
 *
 * @param <E> example type
 * @param <P> prediction type of the task's scorer
 * @param <F> row (feature) type
 */
public interface TaskAdapter<E extends Example, P, F> {

    Task<E, P> task();

    /** The kind of head the family puts on the encoder (which architecture carries it depends on the checkpoint). */
    Architecture.Head head();

    /** Outputs of the head per row (sequence classification) or per position (tagging, QA). */
    int numLabels();

    /**
     * Names of the head's outputs in index order, written as the fine-tuned config's id2label/label2id so HF
     * pipelines show them; empty when the outputs are not classes (regression, QA start/end logits).
     */
    List<String> labelNames();

    /** Model rows of {@code examples}; {@code training} adds gold targets and training-only augmentation. */
    List<F> featurize(List<E> examples, boolean training);

    InputFeature input(F row);

    /**
     * Adds the target placeholders and the loss to a training graph whose inputs have the static shape
     * [batch, seq]; {@code logits} is the head's output ({@link Architecture#logits}).
     */
    SDVariable loss(SameDiff sd, SDVariable logits, int batch, int seq);

    /** Values of the placeholders {@link #loss} created, for one batch of training rows. */
    Map<String, INDArray> targets(List<F> batch);

    /**
     * {@link #loss} on the eager engine: the loss of the head's {@code logits} for {@code batch} (rows of
     * {@code seq} tokens; logits [rows, numLabels] as the engine lays them out), with its gradient w.r.t.
     * the logits written to {@code dLogits}.
     */
    double engineLoss(List<F> batch, int seq, FloatTensor logits, FloatTensor dLogits);

    /**
     * One prediction per example from the head's outputs, row by row: {@code numLabels} floats per row for
     * sequence classification, {@code positions × numLabels} (position-major) for per-position heads, where
     * positions may stop before the padding.
     */
    Predictions<P> predict(List<E> examples, List<F> rows, List<float[]> outputs);

    /** The scorer's metrics (×100) of labelled examples. */
    Map<String, Double> score(List<E> examples, Predictions<P> predictions);

    /** Whether {@code example} carries gold (GLUE test rows do not). */
    boolean isLabelled(E example);

    /** Writes the dev predictions into {@code outDir}; returns the files written. */
    List<Path> writeDevPredictions(Path outDir, List<E> examples, Predictions<P> predictions);

    /** Whether the task has a test split on disk under {@code dataDir}. */
    boolean hasTestData(Path dataDir);

    /** Writes test predictions (GLUE: the leaderboard submission format) into {@code outDir}. */
    List<Path> writeTestPredictions(Path outDir, List<E> examples, Predictions<P> predictions);
}
