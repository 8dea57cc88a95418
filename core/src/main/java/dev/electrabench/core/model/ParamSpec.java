package dev.electrabench.core.model;

/**
 * One named parameter tensor (HF state-dict name and PyTorch layout) and how HF initialises it.
 */
public record ParamSpec(String name, long[] shape, Init init) {
    /** HF {@code _init_weights}: Linear/Embedding ~ N(0, initializer_range), biases 0, LayerNorm γ=1 β=0. */
    public enum Init { NORMAL, NORMAL_PAD_ROW_ZERO, ZEROS, ONES }

    public static ParamSpec normal(String name, long... shape) {
        return new ParamSpec(name, shape, Init.NORMAL);
    }

    public static ParamSpec zeros(String name, long... shape) {
        return new ParamSpec(name, shape, Init.ZEROS);
    }

    public static ParamSpec ones(String name, long... shape) {
        return new ParamSpec(name, shape, Init.ONES);
    }

    /** True for parameters ELECTRA's optimizer exempts from weight decay (LayerNorm and biases). */
    public boolean excludedFromWeightDecay() {
        return name.contains("LayerNorm") || name.contains("layer_norm") || name.endsWith("bias");
    }
}
