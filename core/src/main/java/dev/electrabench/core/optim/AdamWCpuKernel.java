package dev.electrabench.core.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole AdamW update of one float32 parameter as a single Java pass over the off-heap buffers
 * (read g, m, v, p; write m, v, p), and the gradient's squared norm as another. On the shared 2-core machine this took 35–86 ms per step for
 * the 14.2M-value ELECTRA-Small generator + discriminator, where the same work as ND4J ops (about
 * ten in-place passes plus a norm2 reduction per array, each an OpenMP region) took 0.6–1 s once
 * other jobs competed for the cores. Used only where the buffers are directly addressable: CPU backend,
 * float32, dense, offset 0, one layout for all four arrays; {@link AdamW} falls back to ND4J ops
 * otherwise (views, float64, GPU).
 */
final class AdamWCpuKernel {
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

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

    /** Σ g² in float64 (NaN or infinite if g holds a non-finite value), four partial sums to pipeline the adds. */
    static double sumOfSquares(INDArray gArr) {
        FloatBuffer g = gArr.data().asNioFloat();
        int n = (int) gArr.length();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a = g.get(i);
            double b = g.get(i + 1);
            double c = g.get(i + 2);
            double d = g.get(i + 3);
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < n; i++) {
            double a = g.get(i);
            s0 += a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** See {@link AdamW} for the formula; the arguments are the per-step constants it derives. */
    static void apply(INDArray param, INDArray mArr, INDArray vArr, INDArray gArr, float beta1, float beta2,
                      float gradScale, float epsilon, float updateScale, float weightDecay, float lr) {
        FloatBuffer p = param.data().asNioFloat();
        FloatBuffer m = mArr.data().asNioFloat();
        FloatBuffer v = vArr.data().asNioFloat();
        FloatBuffer g = gArr.data().asNioFloat();
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        int n = (int) param.length();
        for (int i = 0; i < n; i++) {
            float gi = g.get(i) * gradScale;
            float mi = beta1 * m.get(i) + oneMinusBeta1 * gi;
            float vi = beta2 * v.get(i) + oneMinusBeta2 * gi * gi;
            m.put(i, mi);
            v.put(i, vi);
            if (lr != 0) {
                float pi = p.get(i);
                float update = updateScale * mi / ((float) Math.sqrt(vi) + epsilon) + weightDecay * pi;
                p.put(i, pi - lr * update);
            }
        }
    }
}
