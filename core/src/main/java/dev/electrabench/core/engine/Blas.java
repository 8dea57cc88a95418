package dev.electrabench.core.engine;

import dev.electrabench.core.math.Parallel;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * Runs {@code body} over {@code blocks} independent blocks split over the cores, with OpenBLAS
     * single-threaded meanwhile. Attention's per-(row, head) products are small (128×128×64 at the Small
     * shape): OpenBLAS splits each such call over its threads and syncs them, which costs more than the
     * split saves; one block per core in Java needs no sync until the end. Measured on 2 cores, 128 such
     * products: ~65 GFLOP/s through 2-thread OpenBLAS, ~130 one per core (ELECTRA-Small fine-tuning
     * 15.3 → 16.9 train examples/s). Each block's result is the same however the blocks are split.
     */
    static synchronized void eachBlockSingleThreaded(int blocks, Parallel.RowRange body) {
        int threads = BlasThreads.AT_START;
        if (threads <= 1 || blocks < 2) {
            body.run(0, blocks);
            return;
        }
        BlasThreads.SET.call(1);
        try {
            Parallel.range(blocks, 1, body);
        } finally {
            BlasThreads.SET.call(threads);
        }
    }

    /**
     * OpenBLAS's thread count as ND4J's CPU backend set it at start-up (the cores, or OMP_NUM_THREADS), and
     * OpenBLAS's own setter bound once: the presets' {@code blas_set_num_threads} looks up four symbols per
     * call (~0.3 ms), this costs ~30 ns.
     */
    private static final class BlasThreads {
        static final openblas_nolapack.SetNumThreads SET = new openblas_nolapack.SetNumThreads() {};
        /** 1 (every block on the calling thread, OpenBLAS left alone) if the library has no such setter. */
        static final int AT_START;

        static {
            Loader.load(openblas_nolapack.class);
            Pointer setter = Loader.addressof("openblas_set_num_threads");
            if (setter == null || setter.isNull()) {
                AT_START = 1;
            } else {
                SET.put(setter);
                AT_START = Nd4j.factory().blas().getMaxThreads();
            }
        }
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
