package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * LayerNorm over the last axis of [rows, C]: (x − mean)/sqrt(var + eps)·γ + β with the biased variance,
 * as {@code GraphOps.layerNorm}. The forward pass keeps the normalized input and 1/σ per row for the
 * backward pass. Rows are bulk-copied to heap arrays, where {@link ArrayMath} runs.
 */
final class LayerNormKernel {
    private LayerNormKernel() {}

    static void forward(FloatTensor x, FloatTensor gamma, FloatTensor beta, FloatTensor y, FloatTensor xhat,
                        FloatTensor rstd, int rows, int c, double eps) {
        FloatBuffer xd = x.data();
        FloatBuffer yd = y.data();
        FloatBuffer hd = xhat.data();
        float[] g = heap(gamma, c);
        float[] b = heap(beta, c);
        ArrayMath math = ArrayMath.INSTANCE;
        Parallel.range(rows, (from, to) -> {
            float[] row = new float[c];
            float[] h = new float[c];
            float[] out = new float[c];
            for (int r = from; r < to; r++) {
                int o = r * c;
                xd.get(o, row, 0, c);
                float mean = math.sum(row, c) / c;
                float inv = (float) (1.0 / Math.sqrt(math.sumOfSquaredDeviations(row, c, mean) / c + eps));
                rstd.set(r, inv);
                math.normalize(row, c, mean, inv, g, b, h, out);
                hd.put(o, h, 0, c);
                yd.put(o, out, 0, c);
            }
        });
    }

    /**
     * dx = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·γ, written to {@code dx} (overwriting);
     * dγ = Σ dy·x̂ and dβ = Σ dy are added to their tensors when {@code accumulate} (a LayerNorm shared by
     * two towers), else overwrite them.
     */
    static void backward(FloatTensor dy, FloatTensor xhat, FloatTensor rstd, FloatTensor gamma, FloatTensor dx,
                         FloatTensor dGamma, FloatTensor dBeta, int rows, int c, boolean accumulate) {
        FloatBuffer dyd = dy.data();
        FloatBuffer hd = xhat.data();
        float[] g = heap(gamma, c);
        ArrayMath math = ArrayMath.INSTANCE;
        // parameter gradients first (dx may overwrite dy); in row order, sequential: reproducible sums
        float[] dg = accumulate ? heap(dGamma, c) : new float[c];
        float[] db = accumulate ? heap(dBeta, c) : new float[c];
        float[] d = new float[c];
        float[] h = new float[c];
        for (int r = 0; r < rows; r++) {
            dyd.get(r * c, d, 0, c);
            hd.get(r * c, h, 0, c);
            math.accumulateScaleAndShift(dg, db, d, h, c);
        }
        dGamma.data().put(0, dg, 0, c);
        dBeta.data().put(0, db, 0, c);
        FloatBuffer dxd = dx.data();
        Parallel.range(rows, (from, to) -> {
            float[] dRow = new float[c];
            float[] hRow = new float[c];
            for (int r = from; r < to; r++) {
                int o = r * c;
                dyd.get(o, dRow, 0, c);
                hd.get(o, hRow, 0, c);
                math.multiply(dRow, g, c);
                float meanD = math.sum(dRow, c) / c;
                float meanDH = math.dot(dRow, hRow, c) / c;
                math.normalizeBackward(dRow, hRow, c, rstd.get(r), meanD, meanDH, dRow);
                dxd.put(o, dRow, 0, c);
            }
        });
    }

    private static float[] heap(FloatTensor t, int n) {
        float[] a = new float[n];
        t.data().get(0, a, 0, n);
        return a;
    }
}
