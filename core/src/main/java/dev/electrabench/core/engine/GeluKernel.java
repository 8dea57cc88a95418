package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;

/**
 * Exact GELU 0.5·x·(1 + erf(x/√2)) (HF's "gelu", {@code GraphOps.gelu}). The forward pass also writes the
 * derivative Φ(x) + x·φ(x) over the pre-activation, which the backward pass needs nothing else for. Works on
 * heap copies of 1024-element chunks (bulk-copied), where {@link ArrayMath} runs.
 */
public final class GeluKernel {
    private static final int CHUNK = 1024;

    private GeluKernel() {}

    /** y = gelu(x); x is overwritten by gelu'(x). */
    public static void forward(FloatTensor x, FloatTensor y, int n) {
        FloatBuffer xd = x.data();
        FloatBuffer yd = y.data();
        Parallel.chunks(n, CHUNK, (start, len) -> {
            float[] pre = ThreadBuffers.floats(0, len);
            float[] out = ThreadBuffers.floats(1, len);
            xd.get(start, pre, 0, len);
            ArrayMath.INSTANCE.gelu(pre, out, len);
            yd.put(start, out, 0, len);
            xd.put(start, pre, 0, len);
        });
    }

    /** dy := dy·gelu'(x), in place, with the derivative written by {@link #forward}. */
    public static void backward(FloatTensor dy, FloatTensor derivative, int n) {
        dy.multiplyInPlace(derivative, n);
    }
}
