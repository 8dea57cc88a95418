package dev.electrabench.core.optim;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole AdamW update of one float32 parameter as a single pass over the off-heap buffers
 * (read g, m, v, p; write m, v, p), and the gradient's squared norm as another: chunks of 4096 values are
 * bulk-copied to heap arrays, updated by {@link ArrayMath} (SIMD when available), and split over the cores. On the shared 2-core machine this took 35–86 ms per step for
 * the 14.2M-value ELECTRA-Small generator + discriminator, where the same work as ND4J ops (about
 * ten in-place passes plus a norm2 reduction per array, each an OpenMP region) took 0.6–1 s once
 * other jobs competed for the cores. Used only where the buffers are directly addressable: CPU backend,
 * float32, dense, offset 0, one layout for all four arrays; {@link AdamW} falls back to ND4J ops
 * otherwise (views, float64, GPU).
 */
final class AdamWCpuKernel {
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();
    private static final int CHUNK = 4096;
    private static final ArrayMath MATH = ArrayMath.INSTANCE;

    private AdamWCpuKernel() {}

    static boolean applies(INDArray param, INDArray m, INDArray v, INDArray g) {
        return applies(g) && plain(param) && plain(m) && plain(v)
                && g.ordering() == param.ordering() && m.ordering() == param.ordering()
                && v.ordering() == param.ordering() && param.length() <= Integer.MAX_VALUE;
    }

    private static boolean plain(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.offset() == 0 && a.data().offset() == 0
                && a.elementWiseStride() == 1 && a.data().length() >= a.length();
    }

    static boolean applies(INDArray g) {
        return CPU && plain(g) && g.length() <= Integer.MAX_VALUE;
    }

    /** Σ g² in float64 (NaN or infinite if g holds a non-finite value); chunk sums added in chunk order. */
    static double sumOfSquares(INDArray gArr) {
        FloatBuffer g = gArr.data().asNioFloat();
        int n = (int) gArr.length();
        double[] partial = new double[(n + CHUNK - 1) / CHUNK];
        Parallel.chunks(n, CHUNK, (start, len) -> {
            float[] a = ThreadBuffers.floats(0, len);
            g.get(start, a, 0, len);
            partial[start / CHUNK] = MATH.sumOfSquares(a, len);
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    /** See {@link AdamW} for the formula; the arguments are the per-step constants it derives. */
    static void apply(INDArray param, INDArray mArr, INDArray vArr, INDArray gArr, float beta1, float beta2,
                      float gradScale, float epsilon, float updateScale, float weightDecay, float lr) {
        FloatBuffer p = param.data().asNioFloat();
        FloatBuffer m = mArr.data().asNioFloat();
        FloatBuffer v = vArr.data().asNioFloat();
        FloatBuffer g = gArr.data().asNioFloat();
        int n = (int) param.length();
        Parallel.chunks(n, CHUNK, (start, len) -> {
            float[] pc = ThreadBuffers.floats(0, len);
            float[] mc = ThreadBuffers.floats(1, len);
            float[] vc = ThreadBuffers.floats(2, len);
            float[] gc = ThreadBuffers.floats(3, len);
            p.get(start, pc, 0, len);
            m.get(start, mc, 0, len);
            v.get(start, vc, 0, len);
            g.get(start, gc, 0, len);
            MATH.adamW(pc, mc, vc, gc, len, beta1, beta2, gradScale, epsilon, updateScale, weightDecay, lr);
            p.put(start, pc, 0, len);
            m.put(start, mc, 0, len);
            v.put(start, vc, 0, len);
        });
    }
}
