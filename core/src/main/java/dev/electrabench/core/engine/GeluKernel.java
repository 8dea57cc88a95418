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
                // one exp serves both: Φ(v) = 1 − ½·erfc(v/√2) uses e^(−v²/2), so does φ(v)
                double gauss = FastExp.exp((float) (-0.5 * v * v));
                double half = 0.5 * erfcTimesGauss(Math.abs(v) * INV_SQRT2, gauss);
                double cdf = v >= 0 ? 1.0 - half : half;
                yd.put(i, (float) (v * cdf));
                xd.put(i, (float) (cdf + v * gauss * INV_SQRT_2PI));
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

    /**
     * erfc(z) for z ≥ 0 given e^(−z²), Abramowitz &amp; Stegun 7.1.26: absolute error below 1.5e-7, well
     * under float32 GELU rounding at the magnitudes that matter.
     */
    static double erfcTimesGauss(double z, double expMinusZSquared) {
        double t = 1.0 / (1.0 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return poly * expMinusZSquared;
    }
}
