package dev.electrabench.core.engine;

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
        float[] b = new float[width];
        bias.data().get(0, b);
        for (int r = 0; r < rows; r++) {
            yd.put(r * width, b, 0, width);
        }
    }

    private static final int ROWS_PER_BLOCK = 256;

    /**
     * out[j] = Σ_r m[r, j] (overwrites): blocks of 256 rows are summed in parallel, then the block sums are
     * added in block order, so the result does not depend on the number of threads.
     */
    static void columnSums(FloatTensor m, FloatTensor out, int rows, int width) {
        FloatBuffer md = m.data();
        int blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        float[][] partial = new float[blocks][width];
        Parallel.range(blocks, 1, (from, to) -> {
            float[] row = new float[width];
            for (int blk = from; blk < to; blk++) {
                int end = Math.min(rows, (blk + 1) * ROWS_PER_BLOCK);
                for (int r = blk * ROWS_PER_BLOCK; r < end; r++) {
                    md.get(r * width, row, 0, width);
                    ArrayMath.INSTANCE.add(partial[blk], row, width);
                }
            }
        });
        for (int blk = 1; blk < blocks; blk++) {
            ArrayMath.INSTANCE.add(partial[0], partial[blk], width);
        }
        out.data().put(0, partial[0], 0, width);
    }
}
