package dev.electrabench.core.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ArrayMath} on the Vector API at the CPU's preferred width (16 float lanes with AVX-512); the
 * tails run the scalar formulas. Loaded only through {@link ArrayMathSelection}.
 */
final class SimdArrayMath implements ArrayMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));
    private static final ScalarArrayMath TAIL = new ScalarArrayMath();

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
            FloatVector e = FloatVector.fromArray(S, a, i).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(a, i);
            sum = sum.add(e);
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < n; i++) {
            float e = (float) Math.exp(a[i] - shift);
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
            FloatVector gauss = a.mul(a).mul(-0.5f).lanewise(VectorOperators.EXP);
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
        if (bound < n) {
            float[] xt = java.util.Arrays.copyOfRange(x, bound, n);
            float[] yt = new float[n - bound];
            TAIL.gelu(xt, yt, n - bound);
            System.arraycopy(xt, 0, x, bound, n - bound);
            System.arraycopy(yt, 0, y, bound, n - bound);
        }
    }

    @Override
    public int skipBlocksAtOrBelow(float[] a, int n, double threshold, double[] before) {
        double cumulative = 0;
        int start = 0;
        while (start + L <= n) {
            double block = FloatVector.fromArray(S, a, start).reduceLanes(VectorOperators.ADD);
            if (cumulative + block > threshold) {
                break;
            }
            cumulative += block;
            start += L;
        }
        before[0] = cumulative;
        return start;
    }
}
