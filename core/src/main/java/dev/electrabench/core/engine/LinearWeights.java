package dev.electrabench.core.engine;

/** A Linear layer's weight [out, in] and bias [out] with their gradients, resolved by HF name prefix. */
public record LinearWeights(FloatTensor weight, FloatTensor bias, FloatTensor dWeight, FloatTensor dBias, int in, int out) {
    public static LinearWeights of(ParameterTensors t, String prefix) {
        FloatTensor w = t.param(prefix + ".weight");
        long[] shape = w.array().shape();
        return new LinearWeights(w, t.param(prefix + ".bias"), t.grad(prefix + ".weight"), t.grad(prefix + ".bias"),
                (int) shape[1], (int) shape[0]);
    }

    public void forward(FloatTensor x, FloatTensor y, int rows) {
        LinearKernel.forward(x, weight, bias, y, rows, in, out);
    }

    /** Parameter gradients overwritten; dx overwritten or accumulated (null: not needed). */
    public void backward(FloatTensor x, FloatTensor dy, FloatTensor dx, boolean accumulate, int rows) {
        LinearKernel.backward(x, weight, dy, dWeight, dBias, dx, accumulate, rows, in, out);
    }
}
