package dev.electrabench.core.engine;

/**
 * The element-wise loops the kernels spend their Java time in, over heap {@code float[]} prefixes
 * [0, n). Two implementations: {@code SimdArrayMath} on the JDK's Vector API (its {@code EXP} is an SVML
 * intrinsic, ~27x faster than a scalar exp here) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher, Surefire and JMH all do), and
 * {@link ScalarArrayMath} otherwise. Both give the same results up to float rounding.
 */
interface ArrayMath {
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
}
