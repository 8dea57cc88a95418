package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Exact GELU 0.5·x·(1 + erf(x/√2)) (HF's "gelu", {@code GraphOps.gelu}). The forward pass also writes the
 * derivative Φ(x) + x·φ(x) over the pre-activation, which the backward pass needs nothing else for.
 */
final class GeluKernel {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private GeluKernel() {}

    /** y = gelu(x); x is overwritten by gelu'(x). */
    static void forward(FloatTensor x, FloatTensor y, int n) {
        FloatBuffer xd = x.data();
        FloatBuffer yd = y.data();
        int rows = n / 256 + 1;
        Parallel.range(rows, (from, to) -> {
            int end = Math.min(n, to * 256);
            for (int i = from * 256; i < end; i++) {
                double v = xd.get(i);
                double cdf = 0.5 * erfc(-v * INV_SQRT2);
                double pdf = Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
                yd.put(i, (float) (v * cdf));
                xd.put(i, (float) (cdf + v * pdf));
            }
        });
    }

    /** dy := dy·gelu'(x), in place, with the derivative written by {@link #forward}. */
    static void backward(FloatTensor dy, FloatTensor derivative, int n) {
        FloatBuffer d = dy.data();
        FloatBuffer g = derivative.data();
        for (int i = 0; i < n; i++) {
            d.put(i, d.get(i) * g.get(i));
        }
    }

    /** erfc with relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
