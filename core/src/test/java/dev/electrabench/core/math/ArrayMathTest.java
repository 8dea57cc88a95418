package dev.electrabench.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both {@link ArrayMath} implementations against double-precision formulas, at lengths that leave vector
 * tails (1, 15, 17, 1000, 30522).
 */
class ArrayMathTest {
    static Stream<ArrayMath> implementations() {
        return Stream.of(new ScalarArrayMath(), new SimdArrayMath());
    }

    private static final int[] LENGTHS = {1, 15, 17, 1000, 30522};

    private static float[] random(Random rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * scale);
        }
        return a;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void softmaxPieces(ArrayMath math) {
        Random rng = new Random(5);
        for (int n : LENGTHS) {
            float[] a = random(rng, n, 4);
            float[] b = random(rng, n + 3, 1);
            double[] expected = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            int argmax = -1;
            for (int i = 0; i < n; i++) {
                expected[i] = (float) (a[i] + b[3 + i]);
                if (expected[i] > max) {
                    max = expected[i];
                    argmax = i;
                }
            }
            float m = math.addAndMax(a, b, 3, n);
            assertEquals(max, m, 0, "max, n=" + n);
            assertEquals(argmax, math.indexOf(a, n, m), "argmax, n=" + n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                expected[i] = Math.exp(expected[i] - max);
                sum += expected[i];
            }
            double got = math.expShiftedSum(a, n, m);
            assertEquals(sum, got, 1e-5 * sum, "sum, n=" + n);
            for (int i = 0; i < n; i++) {
                // the float subtraction a − shift rounds the exponent by up to |a − shift|·2^-24
                double relative = 1e-6 + Math.abs(Math.log(expected[i])) * 1.2e-7;
                assertEquals(expected[i], a[i], relative * expected[i] + 1e-30, "exp, n=" + n + " i=" + i);
            }
            math.scale(a, n, 0.5f);
            assertEquals(expected[n - 1] * 0.5, a[n - 1], 1e-6 * expected[n - 1]);
        }
        assertEquals(-1, math.indexOf(new float[] {1, 2, 3}, 3, 4f));
        float[] under = {-200f, 0f};
        math.expShiftedSum(under, 2, 0f);
        assertEquals(0f, under[0]);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void geluAndItsDerivative(ArrayMath math) {
        Random rng = new Random(11);
        for (int n : LENGTHS) {
            float[] x = random(rng, n, 3);
            float[] y = new float[n];
            float[] pre = x.clone();
            math.gelu(x, y, n);
            for (int i = 0; i < n; i++) {
                double v = pre[i];
                double cdf = 0.5 * (1 + erf(v / Math.sqrt(2)));
                double pdf = Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI);
                assertEquals(v * cdf, y[i], 1e-6 + 1e-6 * Math.abs(v), "gelu(" + v + ")");
                assertEquals(cdf + v * pdf, x[i], 2e-6, "gelu'(" + v + ")");
            }
            float[] m = random(rng, n, 1);
            float[] before = m.clone();
            math.multiply(m, y, n);
            assertEquals(before[n - 1] * y[n - 1], m[n - 1], 0);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void skippedBlocksNeverPassTheThreshold(ArrayMath math) {
        Random rng = new Random(3);
        float[] mass = new float[1000];
        double total = 0;
        for (int i = 0; i < mass.length; i++) {
            mass[i] = rng.nextFloat();
            total += mass[i];
        }
        double[] before = new double[1];
        for (double u : new double[] {0, 0.001, 0.3, 0.77, 0.999, 1.0}) {
            double threshold = u * total;
            int start = math.skipBlocksAtOrBelow(mass, mass.length, threshold, before);
            double prefix = 0;
            for (int i = 0; i < start; i++) {
                prefix += mass[i];
            }
            assertEquals(prefix, before[0], 1e-3, "prefix sum at u=" + u);
            assertTrue(prefix <= threshold + 1e-3, "skipped past the threshold at u=" + u);
            // the block that starts at 'start' (if whole) crosses the threshold, or we are in the tail
            double next = prefix;
            int end = Math.min(mass.length, start + 16);
            for (int i = start; i < end; i++) {
                next += mass[i];
            }
            assertTrue(next > threshold - 1e-3 || end - start < 16 || start + 64 > mass.length,
                    "stopped early at u=" + u + ", start " + start);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void reductionsAndLayerNormPieces(ArrayMath math) {
        Random rng = new Random(7);
        for (int n : LENGTHS) {
            float[] a = random(rng, n, 1);
            float[] b = random(rng, n, 1);
            double sum = 0;
            double dot = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                sum += a[i];
                dot += (double) a[i] * b[i];
                squares += (double) a[i] * a[i];
            }
            double slack = 1e-6 * n;
            assertEquals(sum, math.sum(a, n), slack, "sum n=" + n);
            assertEquals(dot, math.dot(a, b, n), slack, "dot n=" + n);
            assertEquals(squares, math.sumOfSquares(a, n), 1e-6 * squares, "sum of squares n=" + n);
            float mean = (float) (sum / n);
            double deviations = 0;
            for (int i = 0; i < n; i++) {
                deviations += (a[i] - mean) * (double) (a[i] - mean);
            }
            assertEquals(deviations, math.sumOfSquaredDeviations(a, n, mean), 1e-5 * deviations, "deviations n=" + n);

            float[] gamma = random(rng, n, 1);
            float[] beta = random(rng, n, 1);
            float[] xhat = new float[n];
            float[] y = new float[n];
            math.normalize(a, n, mean, 0.7f, gamma, beta, xhat, y);
            float[] dGamma = random(rng, n, 1);
            float[] dBeta = random(rng, n, 1);
            float[] g0 = dGamma.clone();
            float[] b0 = dBeta.clone();
            math.accumulateScaleAndShift(dGamma, dBeta, b, xhat, n);
            float[] dx = new float[n];
            math.normalizeBackward(b, xhat, n, 0.7f, 0.25f, -0.5f, dx);
            float[] d = a.clone();
            float[] p = gamma.clone();
            math.softmaxBackward(d, p, n, 0.3f);
            float[] summed = g0.clone();
            math.add(summed, b, n);
            for (int i = 0; i < n; i++) {
                double h = (a[i] - mean) * 0.7;
                assertEquals(h, xhat[i], 1e-5, "xhat");
                assertEquals(h * gamma[i] + beta[i], y[i], 1e-5, "y");
                assertEquals(g0[i] + b[i] * (double) xhat[i], dGamma[i], 1e-5, "dGamma");
                assertEquals(b0[i] + b[i], dBeta[i], 1e-6, "dBeta");
                assertEquals(0.7 * (b[i] - 0.25 + 0.5 * xhat[i]), dx[i], 1e-5, "dx");
                assertEquals(p[i] * (a[i] - 0.3), d[i], 1e-5, "softmax backward");
                assertEquals(g0[i] + b[i], summed[i], 0, "add");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void adamWStep(ArrayMath math) {
        Random rng = new Random(9);
        for (int n : LENGTHS) {
            float[] p = random(rng, n, 1);
            float[] m = random(rng, n, 0.1);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextFloat() * 0.01f;
            }
            float[] g = random(rng, n, 1);
            float[] p0 = p.clone();
            float[] m0 = m.clone();
            float[] v0 = v.clone();
            math.adamW(p, m, v, g, n, 0.9f, 0.999f, 0.5f, 1e-6f, 1.3f, 0.01f, 1e-3f);
            for (int i = 0; i < n; i++) {
                double gi = g[i] * 0.5;
                double mi = 0.9 * m0[i] + 0.1 * gi;
                double vi = 0.999 * v0[i] + 0.001 * gi * gi;
                double pi = p0[i] - 1e-3 * (1.3 * mi / (Math.sqrt(vi) + 1e-6) + 0.01 * p0[i]);
                assertEquals(mi, m[i], 1e-6, "m");
                assertEquals(vi, v[i], 1e-7, "v");
                assertEquals(pi, p[i], 2e-6, "p n=" + n + " i=" + i);
            }
            float[] frozen = p.clone();
            math.adamW(p, m, v, g, n, 0.9f, 0.999f, 1f, 1e-6f, 1f, 0.01f, 0f);
            assertEquals(frozen[n - 1], p[n - 1], 0, "lr 0 leaves the parameter");
        }
    }

    @org.junit.jupiter.api.Test
    void dropoutScalesAreTheSameDrawsInBothAndKeepTheRate() {
        int n = 4096 + 6;
        int threshold = (int) Math.ceil(0.9 * (1 << 24));
        float[] scalar = new float[n];
        float[] simd = new float[n];
        new ScalarArrayMath().dropoutScales(scalar, n, 12345L, 8192, threshold, 1 / 0.9f);
        new SimdArrayMath().dropoutScales(simd, n, 12345L, 8192, threshold, 1 / 0.9f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(scalar, simd);
        int kept = 0;
        for (float v : simd) {
            assertTrue(v == 0f || v == 1 / 0.9f);
            kept += v == 0f ? 0 : 1;
        }
        double sigma = Math.sqrt(0.9 * 0.1 / n);
        assertEquals(0.9, kept / (double) n, 5 * sigma);
        // a different key or offset gives different draws
        float[] other = new float[n];
        new SimdArrayMath().dropoutScales(other, n, 12346L, 8192, threshold, 1 / 0.9f);
        assertTrue(!java.util.Arrays.equals(simd, other));
    }

    /** erf by its Maclaurin series / continued fraction in double (independent of the A&S formula). */
    private static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int k = 1; k < 200; k++) {
                term *= -ax * ax / k;
                sum += term / (2 * k + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else { // erfc continued fraction
            double f = 0;
            for (int k = 60; k >= 1; k--) {
                f = k / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return Math.signum(x) * r;
    }
}
