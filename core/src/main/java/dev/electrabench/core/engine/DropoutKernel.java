package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.CounterRng;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;

/**
 * Inverted dropout {@code x·mask/keep}, mask ~ Bernoulli(keep), as {@code GraphOps.dropout}. The noise is
 * counter-based ({@link CounterRng}): element i of dropout site s at step seed k takes 24 bits of draw ⌊i/2⌋
 * of stream (k, s), i being the element's index in the tensor at its full (constructed) shape, so a batch
 * padded to fewer positions draws the same masks at the positions it has.
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

    /**
     * Dropout on {@code rows} rows of {@code width} elements that are groups of {@code seq} consecutive rows
     * (one sequence, or one attention head's queries) of tensors built for {@code maxSeq}: row r draws as row
     * (r / seq)·maxSeq + r mod seq of the full shape, of width {@code fullWidth} (elements past {@code width} in
     * that row draw unused). At seq = maxSeq and width = fullWidth (even) this is {@link #forward} itself.
     */
    static void forwardRows(FloatTensor x, FloatTensor mask, int rows, int width, int fullWidth, int seq, int maxSeq,
                            double rate, long stepSeed, long site) {
        if (seq == maxSeq && width == fullWidth && width % 2 == 0) {
            forward(x, mask, rows * width, rate, stepSeed, site);
            return;
        }
        FloatBuffer xd = x.data();
        FloatBuffer md = mask.data();
        float keepScale = (float) (1.0 / (1.0 - rate));
        int threshold = (int) Math.ceil((1.0 - rate) * (1 << 24));
        long key = CounterRng.key(stepSeed, site);
        long stride = fullWidth + (fullWidth & 1); // even: each row starts a hash
        Parallel.range(rows, (from, to) -> {
            float[] scale = ThreadBuffers.floats(0, width);
            float[] v = ThreadBuffers.floats(1, width);
            for (int r = from; r < to; r++) {
                long first = ((long) (r / seq) * maxSeq + r % seq) * stride;
                ArrayMath.INSTANCE.dropoutScales(scale, width, key, first, threshold, keepScale);
                xd.get(r * width, v, 0, width);
                ArrayMath.INSTANCE.multiply(v, scale, width);
                xd.put(r * width, v, 0, width);
                md.put(r * width, scale, 0, width);
            }
        });
    }

    /** dx := dx·mask, in place. */
    static void backward(FloatTensor dx, FloatTensor mask, int n) {
        dx.multiplyInPlace(mask, n);
    }
}
