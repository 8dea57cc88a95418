package dev.electrabench.core.math;

/**
 * The element-wise loops the kernels spend their Java time in, over heap {@code float[]} prefixes
 * [0, n). Two implementations: {@code SimdArrayMath} on the JDK's Vector API (its {@code EXP} is an SVML
 * intrinsic, ~27x faster than a scalar exp here) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher, Surefire and JMH all do), and
 * {@link ScalarArrayMath} otherwise. Both give the same results up to float rounding. Public for the
 * optimizer's AdamW pass.
 */
public interface ArrayMath {
    /** The implementation this JVM supports. */
    ArrayMath INSTANCE = ArrayMathSelection.select();

    /** "simd (N float lanes)" or "scalar": for logs and bench output. */
    String describe();

    /** a[i] += b[bOffset + i]; returns max a[i]. */
    float addAndMax(float[] a, float[] b, int bOffset, int n);

    /** The first i with a[i] == value, or -1. */
    int indexOf(float[] a, int n, float value);

    /** a[i] = e^(a[i] − shift) (0 below float range); returns Σ a[i] (after). */
    double expShiftedSum(float[] a, int n, float shift);

    /** a[i] *= s. */
    void scale(float[] a, int n, float s);

    /** a[i] *= b[i]. */
    void multiply(float[] a, float[] b, int n);

    /**
     * Exact GELU: y[i] = x[i]·Φ(x[i]); x[i] is overwritten by the derivative Φ(x[i]) + x[i]·φ(x[i]).
     * Φ via erfc from Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7).
     */
    void gelu(float[] x, float[] y, int n);

    /**
     * Skips whole leading blocks of {@code a} whose running sum stays at or below {@code threshold}
     * (for inverse-CDF sampling): returns the start of the first block that may cross it, and writes the sum
     * of everything before that start to {@code before[0]}.
     */
    int skipBlocksAtOrBelow(float[] a, int n, double threshold, double[] before);

    /** acc[i] += x[i]. */
    void add(float[] acc, float[] x, int n);

    /** Σ a[i]. */
    float sum(float[] a, int n);

    /** Σ a[i]·b[i]. */
    float dot(float[] a, float[] b, int n);

    /** Σ a[i]² in float64 (NaN or infinite if a holds a non-finite value). */
    double sumOfSquares(float[] a, int n);

    /** Σ (a[i] − mean)². */
    float sumOfSquaredDeviations(float[] a, int n, float mean);

    /** LayerNorm forward of one row: xhat = (x − mean)·inv, y = xhat·gamma + beta. */
    void normalize(float[] x, int n, float mean, float inv, float[] gamma, float[] beta, float[] xhat, float[] y);

    /** LayerNorm parameter gradients of one row: dGamma += dy·xhat, dBeta += dy. */
    void accumulateScaleAndShift(float[] dGamma, float[] dBeta, float[] dy, float[] xhat, int n);

    /** LayerNorm input gradient of one row from dxhat (= dy·gamma): dx = inv·(dxhat − meanD − xhat·meanDH). */
    void normalizeBackward(float[] dxhat, float[] xhat, int n, float inv, float meanD, float meanDH, float[] dx);

    /** Softmax backward of one row in place: d[i] = p[i]·(d[i] − dot), dot = Σ d·p. */
    void softmaxBackward(float[] d, float[] p, int n, float dot);

    /**
     * AdamW on [0, n): g' = g·gradScale; m = β1·m + (1−β1)·g'; v = β2·v + (1−β2)·g'²; when lr ≠ 0,
     * p −= lr·(updateScale·m/(√v + ε) + weightDecay·p).
     */
    void adamW(float[] p, float[] m, float[] v, float[] g, int n, float beta1, float beta2, float gradScale,
               float epsilon, float updateScale, float weightDecay, float lr);

    /**
     * Dropout scales for elements [first, first + n) of a site (first even): element i is {@code keepScale}
     * when the top 24 bits of 32-bit half (i mod 2) of mix(key + ⌊i/2⌋·γ) are below {@code threshold}, else 0.
     */
    void dropoutScales(float[] scale, int n, long key, long first, int threshold, float keepScale);
}
