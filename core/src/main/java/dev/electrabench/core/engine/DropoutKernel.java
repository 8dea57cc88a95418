package dev.electrabench.core.engine;

import java.nio.FloatBuffer;

/**
 * Inverted dropout {@code x·mask/keep}, mask ~ Bernoulli(keep), as {@code GraphOps.dropout}. The noise is
 * counter-based: element i of dropout site s at step seed k draws from a hash of (k, s, i), so a step's
 * masks depend on nothing but its seed (bit-exact resume) and not on threads or call order.
 */
final class DropoutKernel {
    private DropoutKernel() {}

    /**
     * x := x·scale where scale (written to {@code mask}) is 1/keep with probability keep, else 0.
     */
    static void forward(FloatTensor x, FloatTensor mask, int n, double rate, long stepSeed, long site) {
        FloatBuffer xd = x.data();
        FloatBuffer md = mask.data();
        float keepScale = (float) (1.0 / (1.0 - rate));
        // u < keep with u uniform on [0,1) from the top 24 bits of the hash
        long threshold = (long) Math.ceil((1.0 - rate) * (1L << 24));
        long key = mix(stepSeed * 0x9E3779B97F4A7C15L + site);
        int blocks = n / 1024 + 1;
        Parallel.range(blocks, (from, to) -> {
            int end = Math.min(n, to * 1024);
            for (int i = from * 1024; i < end; i++) {
                float s = (mix(key + i * 0x9E3779B97F4A7C15L) >>> 40) < threshold ? keepScale : 0f;
                md.put(i, s);
                xd.put(i, xd.get(i) * s);
            }
        });
    }

    /** dx := dx·mask, in place. */
    static void backward(FloatTensor dx, FloatTensor mask, int n) {
        FloatBuffer d = dx.data();
        FloatBuffer m = mask.data();
        for (int i = 0; i < n; i++) {
            d.put(i, d.get(i) * m.get(i));
        }
    }

    /** SplitMix64's finalizer: a bijective 64-bit mix with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
