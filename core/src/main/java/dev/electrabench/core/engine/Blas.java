package dev.electrabench.core.engine;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major {@code C = alpha·op(A)·op(B) + beta·C} straight into OpenBLAS on sub-blocks of preallocated
 * tensors (offset + leading dimension), so strided views such as one head's columns of the fused QKV
 * activations need no copy. ND4J's {@code Nd4j.gemm} goes through the Mmul custom op instead: it rejects
 * a view as C and copies non-contiguous inputs.
 */
final class Blas {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Blas() {}

    /**
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A) = rows of op(B)
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     FloatTensor a, long offA, int lda, FloatTensor b, long offB, int ldb,
                     float beta, FloatTensor c, long offC, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                a.at(offA), lda, b.at(offB), ldb, beta, c.at(offC), ldc);
    }

    /** Whole-matrix form: A is [m,k] (or [k,m] if transA), B is [k,n] (or [n,k] if transB), C is [m,n]. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatTensor a, FloatTensor b,
                     float beta, FloatTensor c) {
        gemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
    }

    private static FloatTensor ones = FloatTensor.zeros(1);

    /**
     * out[j] = Σ_r a[r, j] over a row-major [rows, width] (overwrites out), as sgemv aᵀ·1: one native pass
     * over a, split over OpenBLAS's threads.
     */
    static synchronized void columnSums(FloatTensor a, int rows, int width, FloatTensor out) {
        if (ones.size() < rows) {
            ones = FloatTensor.zeros(rows);
            ones.fill(1f);
        }
        openblas_nolapack.cblas_sgemv(ROW_MAJOR, TRANS, rows, width, 1f, a.at(0), width, ones.at(0), 1, 0f, out.at(0), 1);
    }
}
