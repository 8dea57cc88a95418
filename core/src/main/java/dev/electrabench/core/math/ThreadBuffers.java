package dev.electrabench.core.math;

/**
 * Per-thread heap arrays that the kernels copy rows or chunks of the direct buffers into, reused across
 * calls so that a training step allocates nothing on the Java heap. Slot k of a thread is one array, grown
 * on demand (so it may be longer than asked for: pass lengths explicitly). A kernel takes distinct slots for
 * the arrays it holds at once; arrays the calling thread shares with the workers of a
 * {@link Parallel#range} section use slots the workers do not ({@link #SHARED} and up).
 */
public final class ThreadBuffers {
    /** The first slot for arrays the calling thread fills and its parallel workers only read. */
    public static final int SHARED = 4;
    private static final int SLOTS = 6;
    private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private ThreadBuffers() {}

    /** This thread's array in {@code slot}, at least {@code length} long; its contents are left over. */
    public static float[] floats(int slot, int length) {
        float[][] arrays = ARRAYS.get();
        if (arrays[slot].length < length) {
            arrays[slot] = new float[length];
        }
        return arrays[slot];
    }
}
