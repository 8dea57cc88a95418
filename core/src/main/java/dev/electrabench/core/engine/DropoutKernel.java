package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.CounterRng;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;

/**
 * Inverted dropout {@code x·mask/keep}, mask ~ Bernoulli(keep), as {@code GraphOps.dropout}. The noise is
 * counter-based ({@link CounterRng}): element i of dropout site s at step seed k takes 24 bits of draw ⌊i/2⌋
 * of stream (k, s).
 */
final class DropoutKernel {
    private static final int CHUNK = 4096;

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
        long key = CounterRng.key(stepSeed, site);
        Parallel.chunks(n, CHUNK, (start, len) -> { // CHUNK is even: every chunk starts a hash
            float[] scale = ThreadBuffers.floats(0, len);
            float[] v = ThreadBuffers.floats(1, len);
            ArrayMath.INSTANCE.dropoutScales(scale, len, key, start, threshold, keepScale);
            xd.get(start, v, 0, len);
            ArrayMath.INSTANCE.multiply(v, scale, len);
            xd.put(start, v, 0, len);
            md.put(start, scale, 0, len);
        });
    }

    /** dx := dx·mask, in place. */
    static void backward(FloatTensor dx, FloatTensor mask, int n) {
        dx.multiplyInPlace(mask, n);
    }
}
