package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Exact GELU 0.5·x·(1 + erf(x/√2)) (HF's "gelu", {@code GraphOps.gelu}). The forward pass also writes the
 * derivative Φ(x) + x·φ(x) over the pre-activation, which the backward pass needs nothing else for. Works on
 * heap copies of 1024-element chunks (bulk-copied), where the JIT emits much tighter float code than on the
 * direct buffer.
 */
final class GeluKernel {
    private static final int CHUNK = 1024;
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
        new float[CHUNK], new float[CHUNK]});

    private GeluKernel() {}

    /** y = gelu(x); x is overwritten by gelu'(x). */
    static void forward(FloatTensor x, FloatTensor y, int n) {
        FloatBuffer xd = x.data();
        FloatBuffer yd = y.data();
        Parallel.range((n + CHUNK - 1) / CHUNK, (from, to) -> {
            float[][] s = SCRATCH.get();
            float[] v = s[0];
            float[] out = s[1];
            for (int c = from; c < to; c++) {
                int start = c * CHUNK;
                int len = Math.min(CHUNK, n - start);
                xd.get(start, v, 0, len);
                for (int i = 0; i < len; i++) {
                    float a = v[i];
                    // one exp serves both: Φ(a) = 1 − ½·erfc(a/√2) uses e^(−a²/2), so does φ(a)
                    float gauss = FastExp.exp(-0.5f * a * a);
                    float half = 0.5f * erfcTimesGauss(Math.abs(a) * INV_SQRT2, gauss);
                    float cdf = a >= 0 ? 1f - half : half;
                    out[i] = a * cdf;
                    v[i] = cdf + a * gauss * INV_SQRT_2PI;
                }
                yd.put(start, out, 0, len);
                xd.put(start, v, 0, len);
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
     * erfc(z) for z ≥ 0 given e^(−z²), Abramowitz &amp; Stegun 7.1.26: absolute error below 1.5e-7, under
     * float32 GELU rounding at the magnitudes that matter.
     */
    static float erfcTimesGauss(float z, float expMinusZSquared) {
        float t = 1f / (1f + 0.3275911f * z);
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        return poly * expMinusZSquared;
    }
}
