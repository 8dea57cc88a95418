package dev.electrabench.core.math;

/** {@link ArrayMath} in plain loops, for JVMs without the Vector API module. */
final class ScalarArrayMath implements ArrayMath {
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));
    private static final int BLOCK = 16;

    @Override
    public String describe() {
        return "scalar";
    }

    @Override
    public float addAndMax(float[] a, float[] b, int bOffset, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            a[i] += b[bOffset + i];
            max = Math.max(max, a[i]);
        }
        return max;
    }

    @Override
    public int indexOf(float[] a, int n, float value) {
        for (int i = 0; i < n; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double expShiftedSum(float[] a, int n, float shift) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = FastExp.exp(a[i] - shift);
            a[i] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    public void scale(float[] a, int n, float s) {
        for (int i = 0; i < n; i++) {
            a[i] *= s;
        }
    }

    @Override
    public void multiply(float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            a[i] *= b[i];
        }
    }

    @Override
    public void gelu(float[] x, float[] y, int n) {
        gelu(x, y, 0, n);
    }

    /** {@link #gelu(float[], float[], int)} on [from, to) (the vector implementation's tail). */
    static void gelu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float a = x[i];
            // one exp serves both: Φ(a) = 1 − ½·erfc(a/√2) uses e^(−a²/2), so does φ(a)
            float gauss = FastExp.exp(-0.5f * a * a);
            float z = Math.abs(a) * INV_SQRT2;
            float t = 1f / (1f + 0.3275911f * z);
            float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
            float half = 0.5f * poly * gauss;
            float cdf = a >= 0 ? 1f - half : half;
            y[i] = a * cdf;
            x[i] = cdf + a * gauss * INV_SQRT_2PI;
        }
    }

    @Override
    public int skipBlocksAtOrBelow(float[] a, int n, double threshold, double[] before) {
        double cumulative = 0;
        int start = 0;
        while (start + BLOCK <= n) {
            double block = 0;
            for (int i = start; i < start + BLOCK; i++) {
                block += a[i];
            }
            if (cumulative + block > threshold) {
                break;
            }
            cumulative += block;
            start += BLOCK;
        }
        before[0] = cumulative;
        return start;
    }

    @Override
    public void add(float[] acc, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += x[i];
        }
    }

    @Override
    public float sum(float[] a, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public float dot(float[] a, float[] b, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public double sumOfSquares(float[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * a[i];
        }
        return s;
    }

    @Override
    public float sumOfSquaredDeviations(float[] a, int n, float mean) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            float d = a[i] - mean;
            s += d * d;
        }
        return s;
    }

    @Override
    public void normalize(float[] x, int n, float mean, float inv, float[] gamma, float[] beta, float[] xhat, float[] y) {
        for (int i = 0; i < n; i++) {
            float h = (x[i] - mean) * inv;
            xhat[i] = h;
            y[i] = h * gamma[i] + beta[i];
        }
    }

    @Override
    public void accumulateScaleAndShift(float[] dGamma, float[] dBeta, float[] dy, float[] xhat, int n) {
        for (int i = 0; i < n; i++) {
            dGamma[i] += dy[i] * xhat[i];
            dBeta[i] += dy[i];
        }
    }

    @Override
    public void normalizeBackward(float[] dxhat, float[] xhat, int n, float inv, float meanD, float meanDH, float[] dx) {
        for (int i = 0; i < n; i++) {
            dx[i] = inv * (dxhat[i] - meanD - xhat[i] * meanDH);
        }
    }

    @Override
    public void softmaxBackward(float[] d, float[] p, int n, float dot) {
        for (int i = 0; i < n; i++) {
            d[i] = p[i] * (d[i] - dot);
        }
    }

    @Override
    public void adamW(float[] p, float[] m, float[] v, float[] g, int n, float beta1, float beta2, float gradScale,
                      float epsilon, float updateScale, float weightDecay, float lr) {
        adamW(p, m, v, g, 0, n, beta1, beta2, gradScale, epsilon, updateScale, weightDecay, lr);
    }

    /** {@link #adamW(float[], float[], float[], float[], int, float, float, float, float, float, float, float)} on [from, to). */
    static void adamW(float[] p, float[] m, float[] v, float[] g, int from, int to, float beta1, float beta2,
                      float gradScale, float epsilon, float updateScale, float weightDecay, float lr) {
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            float gi = g[i] * gradScale;
            float mi = beta1 * m[i] + oneMinusBeta1 * gi;
            float vi = beta2 * v[i] + oneMinusBeta2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            if (lr != 0) {
                p[i] -= lr * (updateScale * mi / ((float) Math.sqrt(vi) + epsilon) + weightDecay * p[i]);
            }
        }
    }

    @Override
    public void dropoutScales(float[] scale, int n, long key, long first, int threshold, float keepScale) {
        dropoutScales(scale, 0, n, key, first, threshold, keepScale);
    }

    /** {@link #dropoutScales(float[], int, long, long, int, float)} on [from, to), from even. */
    static void dropoutScales(float[] scale, int from, int to, long key, long first, int threshold, float keepScale) {
        for (int j = from; j < to; j += 2) {
            long bits = CounterRng.bits(key, (first + j) >>> 1);
            scale[j] = ((int) bits >>> 8) < threshold ? keepScale : 0f;
            if (j + 1 < to) {
                scale[j + 1] = ((int) (bits >>> 32) >>> 8) < threshold ? keepScale : 0f;
            }
        }
    }
}
