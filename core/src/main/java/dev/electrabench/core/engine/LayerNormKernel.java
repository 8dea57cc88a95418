package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * LayerNorm over the last axis of [rows, C]: (x − mean)/sqrt(var + eps)·γ + β with the biased variance,
 * as {@code GraphOps.layerNorm}. The forward pass keeps the normalized input and 1/σ per row for the
 * backward pass. Row statistics are accumulated in double.
 */
final class LayerNormKernel {
    private LayerNormKernel() {}

    static void forward(FloatTensor x, FloatTensor gamma, FloatTensor beta, FloatTensor y, FloatTensor xhat,
                        FloatTensor rstd, int rows, int c, double eps) {
        FloatBuffer xd = x.data();
        FloatBuffer yd = y.data();
        FloatBuffer hd = xhat.data();
        FloatBuffer g = gamma.data();
        FloatBuffer b = beta.data();
        Parallel.range(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * c;
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += xd.get(o + j);
                }
                float mean = (float) (sum / c);
                double sq = 0;
                for (int j = 0; j < c; j++) {
                    float d = xd.get(o + j) - mean;
                    sq += d * d;
                }
                float inv = (float) (1.0 / Math.sqrt(sq / c + eps));
                rstd.set(r, inv);
                for (int j = 0; j < c; j++) {
                    float h = (xd.get(o + j) - mean) * inv;
                    hd.put(o + j, h);
                    yd.put(o + j, h * g.get(j) + b.get(j));
                }
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
        FloatBuffer g = gamma.data();
        // parameter gradients first (dx may overwrite dy); in row order, sequential: reproducible sums
        FloatBuffer dg = dGamma.data();
        FloatBuffer db = dBeta.data();
        if (!accumulate) {
            for (int j = 0; j < c; j++) {
                dg.put(j, 0f);
                db.put(j, 0f);
            }
        }
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            for (int j = 0; j < c; j++) {
                float d = dyd.get(o + j);
                dg.put(j, dg.get(j) + d * hd.get(o + j));
                db.put(j, db.get(j) + d);
            }
        }
        FloatBuffer dxd = dx.data();
        Parallel.range(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * c;
                double sumD = 0;
                double sumDH = 0;
                for (int j = 0; j < c; j++) {
                    float d = dyd.get(o + j) * g.get(j);
                    sumD += d;
                    sumDH += d * hd.get(o + j);
                }
                float meanD = (float) (sumD / c);
                float meanDH = (float) (sumDH / c);
                float inv = rstd.get(r);
                for (int j = 0; j < c; j++) {
                    float d = dyd.get(o + j) * g.get(j);
                    dxd.put(o + j, inv * (d - meanD - hd.get(o + j) * meanDH));
                }
            }
        });
    }
}
