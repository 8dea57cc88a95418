package dev.electrabench.core.engine;

/** One LayerNorm application over [rows, C] with the activations its backward pass needs. */
final class LayerNormLayer {
    private final LayerNormWeights w;
    private int rows;
    private final FloatTensor xhat;
    private final FloatTensor rstd;

    LayerNormLayer(LayerNormWeights w, int rows) {
        this.w = w;
        this.rows = rows;
        this.xhat = FloatTensor.zeros(rows, w.width());
        this.rstd = FloatTensor.zeros(rows);
    }

    /** Rows of the current batch (at most the constructed count). */
    void rows(int n) {
        this.rows = n;
    }

    void forward(FloatTensor x, FloatTensor y) {
        LayerNormKernel.forward(x, w.gamma(), w.beta(), y, xhat, rstd, rows, w.width(), w.eps());
    }

    void zeroGradients() {
        w.dGamma().fill(0f);
        w.dBeta().fill(0f);
    }

    /** dx overwritten (may be the same tensor as dy); γ/β gradients overwritten or accumulated. */
    void backward(FloatTensor dy, FloatTensor dx, boolean accumulateParams) {
        LayerNormKernel.backward(dy, xhat, rstd, w.gamma(), dx, w.dGamma(), w.dBeta(), rows, w.width(), accumulateParams);
    }
}
