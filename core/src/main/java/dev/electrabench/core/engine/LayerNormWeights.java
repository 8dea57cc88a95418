package dev.electrabench.core.engine;

/** A LayerNorm's γ and β with their gradients, resolved by HF name prefix. */
record LayerNormWeights(FloatTensor gamma, FloatTensor beta, FloatTensor dGamma, FloatTensor dBeta, double eps) {
    static LayerNormWeights of(ParameterTensors t, String prefix, double eps) {
        return new LayerNormWeights(t.param(prefix + ".weight"), t.param(prefix + ".bias"), t.grad(prefix + ".weight"),
                t.grad(prefix + ".bias"), eps);
    }

    int width() {
        return gamma.size();
    }
}
