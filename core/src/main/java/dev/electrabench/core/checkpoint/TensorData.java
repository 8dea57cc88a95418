package dev.electrabench.core.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor held as float32 in row-major (C) order. A scalar has shape {@code []} and one
 * value. The arrays are not copied (checkpoints are large): treat them as read-only once shared.
 */
public record TensorData(String name, long[] shape, float[] values) {

    public TensorData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long count = elementCount(shape);
        if (count != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " holds " + count + " values but " + values.length + " were given");
        }
    }

    /** Product of the dimensions (1 for a scalar); rejects negative dimensions and overflow. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public int rank() {
        return shape.length;
    }

    // Records compare arrays by identity; checkpoints are compared by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t
                && name.equals(t.name)
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TensorData[" + name + " " + Arrays.toString(shape) + "]";
    }
}
