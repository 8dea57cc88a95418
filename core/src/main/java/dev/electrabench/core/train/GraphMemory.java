package dev.electrabench.core.train;

import java.util.Collection;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Returns a finished graph's native memory now instead of whenever the GC gets to it.
 *
 * <p>Each SameDiff function keeps one inference session per thread, and each session an array cache
 * allowed to grow to a quarter of {@code maxBytes} (M2.1's {@code ArrayCacheMemoryMgr}); an evaluation
 * graph with dynamic shapes fills it with arrays of every batch length. That memory is off-heap, so a
 * JVM running many fine-tuning jobs (compare, evaluate) saw its RSS climb by gigabytes per job until a
 * full GC. Releasing closes the cached arrays and drops the sessions; the graph stays usable (a new
 * session is created on the next call).
 */
public final class GraphMemory {
    private GraphMemory() {}

    /** Releases the session caches of {@code sd} and of its gradient function, if it has one. */
    public static void release(SameDiff sd) {
        if (sd == null) {
            return;
        }
        if (sd.hasGradientFunction()) {
            releaseSessions(sd.getFunction("grad"));
        }
        releaseSessions(sd);
    }

    /**
     * Frees arrays a graph call returned, now: each training step's gradients are fresh native arrays,
     * and left to the GC they pile up by gigabytes (the Java wrappers are too small to trigger a
     * collection) before JavaCPP's {@code maxbytes} forces one. Views and arrays that are not
     * closeable (workspace-attached) are skipped.
     */
    public static void free(Collection<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    private static void releaseSessions(SameDiff sd) {
        for (InferenceSession session : sd.getSessions().values()) {
            session.getMmgr().close();
        }
        sd.getSessions().clear();
    }
}
