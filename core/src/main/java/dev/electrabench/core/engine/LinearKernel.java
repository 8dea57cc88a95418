package dev.electrabench.core.engine;

import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;

/**
 * An HF/PyTorch Linear layer {@code y = x·Wᵀ + b} (W is [out, in]) on [rows, features] tensors, and its
 * backward pass.
 */
final class LinearKernel {
    private LinearKernel() {}

    static void forward(FloatTensor x, FloatTensor weight, FloatTensor bias, FloatTensor y, int rows, int in, int out) {
        fillRows(y, bias, rows, out);
        Blas.gemm(false, true, rows, out, in, 1f, x, weight, 1f, y);
    }

    /**
     * Writes dW = dyᵀ·x and db = Σ_rows dy (overwriting), and dx = dy·W (added to dx when {@code accumulate},
     * else overwriting); {@code dx} may be null when the input needs no gradient.
     */
    static void backward(FloatTensor x, FloatTensor weight, FloatTensor dy, FloatTensor dWeight, FloatTensor dBias,
                         FloatTensor dx, boolean accumulate, int rows, int in, int out) {
        Blas.gemm(true, false, out, in, rows, 1f, dy, x, 0f, dWeight);
        if (dBias != null) {
            columnSums(dy, dBias, rows, out);
        }
        if (dx != null) {
            Blas.gemm(false, false, rows, in, out, 1f, dy, weight, accumulate ? 1f : 0f, dx);
        }
    }

    /** Every row of y [rows, width] := bias. */
    static void fillRows(FloatTensor y, FloatTensor bias, int rows, int width) {
        FloatBuffer yd = y.data();
        float[] b = ThreadBuffers.floats(ThreadBuffers.SHARED, width);
        bias.data().get(0, b, 0, width);
        Parallel.range(rows, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                yd.put(r * width, b, 0, width);
            }
        });
    }

    /** out[j] = Σ_r m[r, j] (overwrites). */
    static void columnSums(FloatTensor m, FloatTensor out, int rows, int width) {
        Blas.columnSums(m, rows, width, out);
    }
}
