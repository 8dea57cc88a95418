package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Inverted dropout {@code x·mask/keep}, mask ~ Bernoulli(keep), as {@code GraphOps.dropout}. The noise is
 * counter-based: element i of dropout site s at step seed k takes 24 bits of a hash of (k, s, ⌊i/2⌋), so a step's
 * masks depend on nothing but its seed (bit-exact resume) and not on threads or call order.
 */
final class DropoutKernel {
    private static final int CHUNK = 4096;
    /** 2^64/φ, the SplitMix64 increment: consecutive counters land far apart before mixing. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private DropoutKernel() {}

    /**
     * x := x·scale where scale (written to {@code mask}) is 1/keep with probability keep, else 0.
     */
    static void forward(FloatTensor x, FloatTensor mask, int n, double rate, long stepSeed, long site) {
        FloatBuffer xd = x.data();
        FloatBuffer md = mask.data();
        float keepScale = (float) (1.0 / (1.0 - rate));
        // u < keep with u uniform on [0,1) from 24 bits: one 64-bit hash serves two elements
        int threshold = (int) Math.ceil((1.0 - rate) * (1 << 24));
        long key = mix(stepSeed * 0x9E3779B97F4A7C15L + site);
        int blocks = (n + CHUNK - 1) / CHUNK;
        Parallel.range(blocks, 1, (from, to) -> {
            float[] scale = new float[CHUNK];
            float[] v = new float[CHUNK];
            for (int c = from; c < to; c++) {
                int start = c * CHUNK;
                int len = Math.min(CHUNK, n - start);
                ArrayMath.INSTANCE.dropoutScales(scale, len, key, start, threshold, keepScale);
                xd.get(start, v, 0, len);
                ArrayMath.INSTANCE.multiply(v, scale, len);
                xd.put(start, v, 0, len);
                md.put(start, scale, 0, len);
            }
        });
    }

    /** dx := dx·mask, in place. */
    static void backward(FloatTensor dx, FloatTensor mask, int n) {
        dx.multiplyInPlace(mask, n);
    }

    /** SplitMix64's finalizer: a bijective 64-bit mix with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
