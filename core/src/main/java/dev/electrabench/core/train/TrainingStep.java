package dev.electrabench.core.train;

import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.optim.AdamW;
import java.util.Map;

/**
 * One optimizer step, shared by pre-training and fine-tuning and by every gradient source (SameDiff graph or
 * eager engine): loss and gradients from the source, then our AdamW (with clipping and decay exclusions),
 * because SameDiff's {@code fit()} has one updater, no clipping and no weight-decay exclusions.
 */
public final class TrainingStep<B> {
    private final LossAndGradients<B> source;
    private final AdamW optimizer;

    /** Result of one step: the loss, the global gradient norm before clipping, and the source's metrics. */
    public record StepResult(double loss, double gradNorm, Map<String, Double> scalars) {}

    /** Registers (with the optimizer) every parameter the source has gradients for, in the source's order. */
    public TrainingStep(LossAndGradients<B> source, Parameters parameters, AdamW optimizer) {
        this.source = source;
        this.optimizer = optimizer;
        for (String name : source.parameterNames()) {
            if (!optimizer.parameterNames().contains(name)) {
                optimizer.register(name, parameters.get(name));
            }
        }
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /**
     * Forward + backward + update. Throws {@link NonFiniteException} (and leaves the weights untouched)
     * when the loss or a gradient is NaN/Inf.
     *
     * @param stepSeed seeds every random draw of the step (see {@link LossAndGradients#compute})
     */
    public StepResult step(B batch, long stepSeed, double learningRate) {
        LossAndGradients.Result r = source.compute(batch, stepSeed);
        if (!Double.isFinite(r.loss())) {
            throw new NonFiniteException("loss is " + r.loss());
        }
        double norm;
        try {
            norm = optimizer.step(r.gradients(), learningRate);
        } catch (IllegalStateException e) {
            throw new NonFiniteException(e.getMessage());
        }
        return new StepResult(r.loss(), norm, r.metrics());
    }

    /** Frees the gradient source's native memory. */
    public void close() {
        source.close();
    }

    /** Raised when training diverges. */
    public static final class NonFiniteException extends RuntimeException {
        public NonFiniteException(String message) {
            super(message);
        }
    }
}
