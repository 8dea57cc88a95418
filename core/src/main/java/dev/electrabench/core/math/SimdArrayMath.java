package dev.electrabench.core.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ArrayMath} on the Vector API at the CPU's preferred width (16 float lanes with AVX-512); the
 * tails run the scalar formulas. Loaded only through {@link ArrayMathSelection}.
 *
 * <p>Results must not depend on whether the JIT has compiled a loop yet (the same seed gives the same
 * numbers, and resume is bit-exact), so only operations that are exactly rounded both in the Vector API's
 * Java fallback and in the intrinsics are used: no {@code EXP} (the SVML intrinsic and the fallback's
 * {@code Math.exp} differ in the last bit; {@link #exp} is a Cephes polynomial on fma/add/mul instead, as
 * fast), and no floating-point {@code reduceLanes(ADD)} (its order differs: {@link #sumLanes} adds the lanes
 * left to right).
 */
final class SimdArrayMath implements ArrayMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer, held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;

    /** e^x as {@link FastExp#exp} (Cody–Waite reduction, Cephes polynomial), 0 below −87, for x ≤ 88. */
    static FloatVector exp(FloatVector in) {
        FloatVector x = in.max(-87f);
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER));
        FloatVector k = t.sub(ROUNDER);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, 1.9875691500E-4f);
        p = p.fma(r, FloatVector.broadcast(S, 1.3981999507E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
        p = p.mul(r.mul(r)).add(r).add(1f);
        // 2^k from k's bits in t: exponent field = k + 127
        FloatVector twoToK = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER) - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(twoToK).blend(0f, in.lt(-87f));
    }

    /** Lane-sum scratch, apart from {@link ThreadBuffers}: callers hold those while they sum. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[L]);

    /** The lanes' sum, added left to right (the same in compiled and interpreted code). */
    static float sumLanes(FloatVector v) {
        return sumLanes(v, LANES.get());
    }

    /** As {@link #sumLanes(FloatVector)} with the caller's scratch of {@code L} floats (hot loops). */
    static float sumLanes(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float s = 0;
        for (int i = 0; i < L; i++) {
            s += scratch[i];
        }
        return s;
    }

    @Override
    public String describe() {
        return "simd (" + L + " float lanes)";
    }

    @Override
    public float addAndMax(float[] a, float[] b, int bOffset, int n) {
        int bound = S.loopBound(n);
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, bOffset + i));
            v.intoArray(a, i);
            max = max.max(v);
        }
        float m = max.reduceLanes(VectorOperators.MAX);
        for (int i = bound; i < n; i++) {
            a[i] += b[bOffset + i];
            m = Math.max(m, a[i]);
        }
        return m;
    }

    @Override
    public int indexOf(float[] a, int n, float value) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            VectorMask<Float> hit = FloatVector.fromArray(S, a, i).eq(value);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (int i = bound; i < n; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double expShiftedSum(float[] a, int n, float shift) {
        int bound = S.loopBound(n);
        FloatVector sum = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, a, i).sub(shift));
            e.intoArray(a, i);
            sum = sum.add(e);
        }
        double total = sumLanes(sum);
        for (int i = bound; i < n; i++) {
            float e = FastExp.exp(a[i] - shift);
            a[i] = e;
            total += e;
        }
        return total;
    }

    @Override
    public void scale(float[] a, int n, float s) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, a, i).mul(s).intoArray(a, i);
        }
        for (int i = bound; i < n; i++) {
            a[i] *= s;
        }
    }

    @Override
    public void multiply(float[] a, float[] b, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(a, i);
        }
        for (int i = bound; i < n; i++) {
            a[i] *= b[i];
        }
    }

    @Override
    public void gelu(float[] x, float[] y, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, i);
            FloatVector gauss = exp(a.mul(a).mul(-0.5f));
            FloatVector z = a.abs().mul(INV_SQRT2);
            FloatVector t = z.mul(0.3275911f).add(1f);
            t = FloatVector.broadcast(S, 1f).div(t);
            FloatVector poly = t.mul(1.061405429f).add(-1.453152027f);
            poly = poly.mul(t).add(1.421413741f);
            poly = poly.mul(t).add(-0.284496736f);
            poly = poly.mul(t).add(0.254829592f);
            poly = poly.mul(t);
            FloatVector half = poly.mul(gauss).mul(0.5f);
            FloatVector cdf = half.neg().add(1f).blend(half, a.lt(0f));
            a.mul(cdf).intoArray(y, i);
            a.mul(gauss).mul(INV_SQRT_2PI).add(cdf).intoArray(x, i);
        }
        ScalarArrayMath.gelu(x, y, bound, n);
    }

    @Override
    public int skipBlocksAtOrBelow(float[] a, int n, double threshold, double[] before) {
        double cumulative = 0;
        int start = 0;
        float[] scratch = LANES.get();
        while (start + L <= n) {
            double block = sumLanes(FloatVector.fromArray(S, a, start), scratch);
            if (cumulative + block > threshold) {
                break;
            }
            cumulative += block;
            start += L;
        }
        before[0] = cumulative;
        return start;
    }

    @Override
    public void add(float[] acc, float[] x, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, acc, i).add(FloatVector.fromArray(S, x, i)).intoArray(acc, i);
        }
        for (int i = bound; i < n; i++) {
            acc[i] += x[i];
        }
    }

    @Override
    public float sum(float[] a, int n) {
        int bound = S.loopBound(n);
        FloatVector s = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            s = s.add(FloatVector.fromArray(S, a, i));
        }
        float total = sumLanes(s);
        for (int i = bound; i < n; i++) {
            total += a[i];
        }
        return total;
    }

    @Override
    public float dot(float[] a, float[] b, int n) {
        int bound = S.loopBound(n);
        FloatVector s = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            s = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), s);
        }
        float total = sumLanes(s);
        for (int i = bound; i < n; i++) {
            total += a[i] * b[i];
        }
        return total;
    }

    @Override
    public double sumOfSquares(float[] a, int n) {
        // float lanes over blocks of 1024, each block's sum added in float64: exact enough for a clipping norm
        double total = 0;
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + 1024);
            int bound = i + S.loopBound(end - i);
            FloatVector s = FloatVector.zero(S);
            for (; i < bound; i += L) {
                FloatVector x = FloatVector.fromArray(S, a, i);
                s = x.fma(x, s);
            }
            total += sumLanes(s);
            for (; i < end; i++) {
                total += (double) a[i] * a[i];
            }
        }
        return total;
    }

    @Override
    public float sumOfSquaredDeviations(float[] a, int n, float mean) {
        int bound = S.loopBound(n);
        FloatVector s = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, a, i).sub(mean);
            s = d.fma(d, s);
        }
        float total = sumLanes(s);
        for (int i = bound; i < n; i++) {
            float d = a[i] - mean;
            total += d * d;
        }
        return total;
    }

    @Override
    public void normalize(float[] x, int n, float mean, float inv, float[] gamma, float[] beta, float[] xhat, float[] y) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector h = FloatVector.fromArray(S, x, i).sub(mean).mul(inv);
            h.intoArray(xhat, i);
            h.fma(FloatVector.fromArray(S, gamma, i), FloatVector.fromArray(S, beta, i)).intoArray(y, i);
        }
        for (int i = bound; i < n; i++) {
            float h = (x[i] - mean) * inv;
            xhat[i] = h;
            y[i] = h * gamma[i] + beta[i];
        }
    }

    @Override
    public void accumulateScaleAndShift(float[] dGamma, float[] dBeta, float[] dy, float[] xhat, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, dy, i);
            d.fma(FloatVector.fromArray(S, xhat, i), FloatVector.fromArray(S, dGamma, i)).intoArray(dGamma, i);
            d.add(FloatVector.fromArray(S, dBeta, i)).intoArray(dBeta, i);
        }
        for (int i = bound; i < n; i++) {
            dGamma[i] += dy[i] * xhat[i];
            dBeta[i] += dy[i];
        }
    }

    @Override
    public void normalizeBackward(float[] dxhat, float[] xhat, int n, float inv, float meanD, float meanDH, float[] dx) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, dxhat, i).sub(meanD).sub(FloatVector.fromArray(S, xhat, i).mul(meanDH)).mul(inv)
                    .intoArray(dx, i);
        }
        for (int i = bound; i < n; i++) {
            dx[i] = inv * (dxhat[i] - meanD - xhat[i] * meanDH);
        }
    }

    @Override
    public void softmaxBackward(float[] d, float[] p, int n, float dot) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, d, i).sub(dot).mul(FloatVector.fromArray(S, p, i)).intoArray(d, i);
        }
        for (int i = bound; i < n; i++) {
            d[i] = p[i] * (d[i] - dot);
        }
    }

    @Override
    public void adamW(float[] p, float[] m, float[] v, float[] g, int n, float beta1, float beta2, float gradScale,
                      float epsilon, float updateScale, float weightDecay, float lr) {
        int bound = S.loopBound(n);
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < bound; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i).mul(gradScale);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(gi).mul(oneMinusBeta2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            if (lr != 0) {
                FloatVector pi = FloatVector.fromArray(S, p, i);
                FloatVector update = mi.mul(updateScale).div(vi.lanewise(VectorOperators.SQRT).add(epsilon))
                        .add(pi.mul(weightDecay));
                pi.sub(update.mul(lr)).intoArray(p, i);
            }
        }
        ScalarArrayMath.adamW(p, m, v, g, bound, n, beta1, beta2, gradScale, epsilon, updateScale, weightDecay, lr);
    }

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;

    @Override
    public void dropoutScales(float[] scale, int n, long key, long first, int threshold, float keepScale) {
        int hashes = LONGS.length(); // 2 elements per hash: one float vector per long vector
        int step = 2 * hashes;
        int bound = L == step ? n - n % step : 0;
        LongVector lanes = LongVector.zero(LONGS).addIndex(1);
        FloatVector keep = FloatVector.broadcast(S, keepScale);
        FloatVector drop = FloatVector.zero(S);
        for (int j = 0; j < bound; j += step) {
            // CounterRng.bits lane-wise: Seeds.mix64(key + counter·GOLDEN)
            LongVector z = lanes.add((first + j) >>> 1).mul(CounterRng.GOLDEN).add(key);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            IntVector halves = z.reinterpretAsInts().lanewise(VectorOperators.LSHR, 8);
            VectorMask<Float> kept = halves.lt(threshold).cast(S);
            drop.blend(keep, kept).intoArray(scale, j);
        }
        ScalarArrayMath.dropoutScales(scale, bound, n, key, first, threshold, keepScale);
    }
}
