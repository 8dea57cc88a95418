package dev.electrabench.core.runtime;

import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times a float32 n×n×n matrix product, the number that tells whether OpenBLAS picked fast kernels (see
 * dl4j-m2.1-notes.md: ~60 vs ~290 GFLOP/s on the reference CPU). Two routes to the same OpenBLAS:
 * {@link Route#CBLAS}, the direct {@code cblas_sgemm} call the eager engine makes (the ceiling its MFU is
 * measured against), and {@link Route#ND4J_MMUL}, ND4J's {@code mmul} op that SameDiff graphs use. On the
 * 2-core reference machine the direct call reads ~320 GFLOP/s at 1024³ and {@code mmul} into the c-order
 * result made here ~150; into an f-order result the same call reads 270–300 and a SameDiff graph's matmul
 * ~205, so the cost is ND4J's handling of c-order outputs.
 */
public final class Sgemm {
    /** Entries of C re-computed in float64 to catch a BLAS that is fast but wrong. */
    private static final int CHECKED_ENTRIES = 16;
    private static final long SEED = 42;

    private Sgemm() {}

    /**
     * @param n                 the matrices are n×n
     * @param bestSeconds       fastest of the timed runs
     * @param gflops            2n³ / bestSeconds / 1e9
     * @param maxRelativeError  over the checked entries, |c − exact| / Σ|a·b| (float32 rounding ≈ 1e-7)
     */
    public record Result(int n, double bestSeconds, double gflops, double maxRelativeError) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "sgemm %dx%dx%d float32: %.1f GFLOP/s (best %.2f ms, max rel. error %.1e)",
                    n, n, n, gflops, bestSeconds * 1e3, maxRelativeError);
        }
    }

    /** How the product reaches OpenBLAS. */
    public enum Route {
        /** {@code cblas_sgemm} on the arrays' native buffers (CPU backend only), as the eager engine calls it. */
        CBLAS,
        /** ND4J's {@code mmul} op, as SameDiff graphs multiply. */
        ND4J_MMUL
    }

    /** GFLOP/s of one n³ float product: best of 5 after one warm-up. */
    public static double measureGflops(int n, Route route) {
        return measure(n, 1, 5, route).gflops();
    }

    /** {@link Route#CBLAS} on the CPU backend, {@link Route#ND4J_MMUL} elsewhere. */
    public static Route engineRoute() {
        return Nd4j.getEnvironment().isCPU() ? Route.CBLAS : Route.ND4J_MMUL;
    }

    /** As {@link #measure(int, int, int, Route)} through ND4J's {@code mmul}. */
    public static Result measure(int n, int warmups, int repeats) {
        return measure(n, warmups, repeats, Route.ND4J_MMUL);
    }

    /** {@code warmups} untimed products, then the best of {@code repeats} timed ones. */
    public static Result measure(int n, int warmups, int repeats, Route route) {
        if (n <= 0 || repeats <= 0 || warmups < 0) {
            throw new IllegalArgumentException("need n > 0, repeats > 0, warmups >= 0");
        }
        // own RNG: ND4J's global one must stay untouched (dropout draws from it)
        Random rng = new Random(SEED);
        float[] a = randomMatrix(rng, n);
        float[] b = randomMatrix(rng, n);
        INDArray aa = Nd4j.create(a, new long[] {n, n}, 'c');
        INDArray bb = Nd4j.create(b, new long[] {n, n}, 'c');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'c');
        for (int i = 0; i < warmups; i++) {
            product(aa, bb, c, route);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            product(aa, bb, c, route);
            best = Math.min(best, System.nanoTime() - t0);
        }
        double seconds = Math.max(best, 1) / 1e9;
        return new Result(n, seconds, gflops(n, seconds), maxRelativeError(a, b, c, n, rng));
    }

    /** A float n³ product is n² dot products of n multiply-adds: 2n³ floating-point operations. */
    public static double gflops(int n, double seconds) {
        return 2.0 * n * n * n / seconds / 1e9;
    }

    private static void product(INDArray a, INDArray b, INDArray c, Route route) {
        if (route == Route.CBLAS) {
            int n = (int) a.rows();
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, n, n, n, 1f, new FloatPointer(a.data().addressPointer()), n,
                    new FloatPointer(b.data().addressPointer()), n, 0f, new FloatPointer(c.data().addressPointer()), n);
            return;
        }
        a.mmuli(b, c);
        Nd4j.getExecutioner().commit(); // CUDA runs asynchronously: wait for the product
    }

    private static float[] randomMatrix(Random rng, int n) {
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return m;
    }

    private static double maxRelativeError(float[] a, float[] b, INDArray c, int n, Random rng) {
        double worst = 0;
        for (int k = 0; k < CHECKED_ENTRIES; k++) {
            int i = rng.nextInt(n);
            int j = rng.nextInt(n);
            double exact = 0;
            double scale = 0;
            for (int t = 0; t < n; t++) {
                double p = (double) a[i * n + t] * b[t * n + j];
                exact += p;
                scale += Math.abs(p);
            }
            worst = Math.max(worst, Math.abs(c.getDouble(i, j) - exact) / Math.max(scale, Double.MIN_NORMAL));
        }
        return worst;
    }
}
