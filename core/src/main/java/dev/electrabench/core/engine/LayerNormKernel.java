package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
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
        float[] g = heap(gamma, c, ThreadBuffers.SHARED);
        float[] b = heap(beta, c, ThreadBuffers.SHARED + 1);
        ArrayMath math = ArrayMath.INSTANCE;
        Parallel.range(rows, (from, to) -> {
            float[] row = ThreadBuffers.floats(0, c);
            float[] h = ThreadBuffers.floats(1, c);
            float[] out = ThreadBuffers.floats(2, c);
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
        float[] g = heap(gamma, c, ThreadBuffers.SHARED);
        ArrayMath math = ArrayMath.INSTANCE;
        // parameter gradients first (dx may overwrite dy); in row order, sequential: reproducible sums
        float[] dg = accumulate ? heap(dGamma, c, 0) : zeros(c, 0);
        float[] db = accumulate ? heap(dBeta, c, 1) : zeros(c, 1);
        float[] d = ThreadBuffers.floats(2, c);
        float[] h = ThreadBuffers.floats(3, c);
        for (int r = 0; r < rows; r++) {
            dyd.get(r * c, d, 0, c);
            hd.get(r * c, h, 0, c);
            math.accumulateScaleAndShift(dg, db, d, h, c);
        }
        dGamma.data().put(0, dg, 0, c);
        dBeta.data().put(0, db, 0, c);
        FloatBuffer dxd = dx.data();
        Parallel.range(rows, (from, to) -> {
            float[] dRow = ThreadBuffers.floats(0, c);
            float[] hRow = ThreadBuffers.floats(1, c);
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

    /** The first n values of t in this thread's buffer {@code slot}. */
    private static float[] heap(FloatTensor t, int n, int slot) {
        float[] a = ThreadBuffers.floats(slot, n);
        t.data().get(0, a, 0, n);
        return a;
    }

    private static float[] zeros(int n, int slot) {
        float[] a = ThreadBuffers.floats(slot, n);
        java.util.Arrays.fill(a, 0, n, 0f);
        return a;
    }
}
