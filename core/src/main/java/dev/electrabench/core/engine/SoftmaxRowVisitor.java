package dev.electrabench.core.engine;

/**
 * Sees each row's unnormalised softmax weights exp(z − max) inside {@link SoftmaxCrossEntropyKernel}'s pass,
 * before they become gradients: ELECTRA's sampler draws its replacement tokens from them at no extra exp.
 */
@FunctionalInterface
public interface SoftmaxRowVisitor {
    /**
     * Called once per row, from several threads at once (each row by one thread).
     *
     * @param weights the row's exp(z − max), valid in [0, classes) during the call only
     * @param total   their sum
     */
    void visit(int row, float[] weights, int classes, double total);
}
