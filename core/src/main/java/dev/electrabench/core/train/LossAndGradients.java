package dev.electrabench.core.train;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A source of one training step's loss and parameter gradients for a batch of type {@code B}: the SameDiff
 * gradient function ({@link SameDiffGradients}, fed placeholder arrays) or an eager engine (fed typed
 * batches). Whatever the source, {@link TrainingStep} applies the update.
 */
public interface LossAndGradients<B> extends AutoCloseable {
    /**
     * @param loss      the scalar training loss
     * @param gradients per parameter name; may be live buffers the optimizer overwrites (use before the next call)
     * @param metrics   named scalars of this step (e.g. mlm_accuracy)
     */
    record Result(double loss, Map<String, INDArray> gradients, Map<String, Double> metrics) {}

    /**
     * @param stepSeed all random draws of the step (dropout, sampling) are a function of this seed
     */
    Result compute(B batch, long stepSeed);

    /** The parameters {@link #compute} returns gradients for. */
    List<String> parameterNames();

    /** Frees native memory the source holds (a graph's session caches); the source is not used afterwards. */
    @Override
    default void close() {}

    /** This source fed with batches of another type, each turned into this source's input by {@code packing}. */
    default <A> LossAndGradients<A> fedBy(Function<? super A, ? extends B> packing) {
        LossAndGradients<B> source = this;
        return new LossAndGradients<>() {
            @Override
            public Result compute(A batch, long stepSeed) {
                return source.compute(packing.apply(batch), stepSeed);
            }

            @Override
            public List<String> parameterNames() {
                return source.parameterNames();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
