package dev.electrabench.core.flops;

/** How the backward pass is costed relative to the forward pass when counting training FLOPs. */
public enum BackwardConvention {
    /**
     * The ELECTRA paper ({@code flops_computation.py}): backward = forward, so training = 2 × forward.
     * Every number compared with the paper must use this.
     */
    BACKWARD_EQUALS_FORWARD(2),
    /**
     * The usual scaling-law convention (6·N·D): backward = 2 × forward (gradients w.r.t. activations and
     * weights), so training = 3 × forward.
     */
    BACKWARD_TWICE_FORWARD(3);

    /** Training FLOPs per example = this × forward FLOPs per example. */
    public final int forwardMultiple;

    BackwardConvention(int forwardMultiple) {
        this.forwardMultiple = forwardMultiple;
    }
}
