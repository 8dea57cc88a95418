package dev.electrabench.core.engine;

import dev.electrabench.core.math.ArrayMath;
import dev.electrabench.core.math.Parallel;
import dev.electrabench.core.math.ThreadBuffers;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense row-major float32 buffer seen three ways: as an ND4J array (what the rest of the code and the
 * optimizer take), as a direct {@link FloatBuffer} (for the Java kernels) and as a native pointer (for
 * BLAS). Wraps existing arrays (parameters) or allocates a zeroed one.
 */
public final class FloatTensor {
    private final INDArray array;
    private final FloatBuffer data;
    private final FloatPointer pointer;

    private FloatTensor(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.offset() != 0
                || array.data().offset() != 0 || array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("need a dense float32 c-order array at offset 0, got " + array.shapeInfoToString());
        }
        this.array = array;
        this.data = array.data().asNioFloat();
        this.pointer = new FloatPointer(array.data().addressPointer());
    }

    public static FloatTensor wrap(INDArray array) {
        return new FloatTensor(array);
    }

    public static FloatTensor zeros(long... shape) {
        return new FloatTensor(Nd4j.create(DataType.FLOAT, shape, 'c'));
    }

    public INDArray array() {
        return array;
    }

    public FloatBuffer data() {
        return data;
    }

    public int size() {
        return (int) array.length();
    }

    /** The native address of element {@code offset} (a fresh pointer object: BLAS reads its position). */
    public FloatPointer at(long offset) {
        return new FloatPointer(pointer).position(offset);
    }

    public float get(int i) {
        return data.get(i);
    }

    public void set(int i, float v) {
        data.put(i, v);
    }

    /** this[i] *= factor[i] for i in [0, n), in parallel chunks. */
    public void multiplyInPlace(FloatTensor factor, int n) {
        combineInPlace(factor, n, MULTIPLY);
    }

    /** this[i] += other[i] for i in [0, n), in parallel chunks. */
    public void addInPlace(FloatTensor other, int n) {
        combineInPlace(other, n, ADD);
    }

    /** An element-wise a := a ∘ b over heap prefixes [0, n). */
    private interface ArrayOp {
        void apply(float[] a, float[] b, int n);
    }

    private static final int CHUNK = 4096;
    private static final ArrayOp MULTIPLY = ArrayMath.INSTANCE::multiply;
    private static final ArrayOp ADD = ArrayMath.INSTANCE::add;

    private void combineInPlace(FloatTensor other, int n, ArrayOp op) {
        FloatBuffer o = other.data;
        Parallel.chunks(n, CHUNK, (start, len) -> {
            float[] a = ThreadBuffers.floats(0, len);
            float[] b = ThreadBuffers.floats(1, len);
            data.get(start, a, 0, len);
            o.get(start, b, 0, len);
            op.apply(a, b, len);
            data.put(start, a, 0, len);
        });
    }

    public void fill(float v) {
        fill(v, size());
    }

    /** Sets elements [0, n) to {@code v}. */
    public void fill(float v, int n) {
        if (n <= 0) {
            return;
        }
        float[] block = ThreadBuffers.floats(0, Math.min(n, CHUNK));
        int length = Math.min(n, CHUNK);
        java.util.Arrays.fill(block, 0, length, v);
        for (int i = 0; i < n; i += length) {
            data.put(i, block, 0, Math.min(length, n - i));
        }
    }

    /** Copies {@code src} into elements [offset, offset + src.size()). */
    public void copyFrom(FloatTensor src, int offset) {
        data.put(offset, src.data, 0, src.size());
    }

    /** Copies the first {@code n} elements of {@code src} into elements [offset, offset + n). */
    public void copyFrom(FloatTensor src, int offset, int n) {
        data.put(offset, src.data, 0, n);
    }

    /** Copies elements [offset, offset + dst.size()) into {@code dst}. */
    public void copyTo(FloatTensor dst, int offset) {
        dst.data.put(0, data, offset, dst.size());
    }
}
