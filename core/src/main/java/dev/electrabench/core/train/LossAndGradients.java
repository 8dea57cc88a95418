package dev.electrabench.core.train;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A source of one training step's loss and parameter gradients for a feed of placeholder values: the
 * SameDiff gradient function ({@link SameDiffGradients}) or the eager engine ({@code core.engine}). Whatever
 * the source, {@link Trainer} applies the update.
 */
public interface LossAndGradients extends AutoCloseable {
    /**
     * @param loss      the scalar training loss
     * @param gradients per parameter name; may be live buffers the optimizer overwrites (use before the next call)
     * @param metrics   named scalars of this step (e.g. mlm_accuracy)
     */
    record Result(double loss, Map<String, INDArray> gradients, Map<String, Double> metrics) {}

    /**
     * @param stepSeed all random draws of the step (dropout, sampling) are a function of this seed
     */
    Result compute(Map<String, INDArray> feed, long stepSeed);

    /** The parameters {@link #compute} returns gradients for. */
    List<String> parameterNames();

    /** Frees native memory the source holds (a graph's session caches); the source is not used afterwards. */
    @Override
    default void close() {}
}
