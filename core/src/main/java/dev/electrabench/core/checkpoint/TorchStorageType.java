package dev.electrabench.core.checkpoint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code torch.*Storage} classes a state dict's pickle names for its tensors' element types, and the
 * element type their raw little-endian bytes decode from. torch.save writes these legacy class names
 * for every dtype that has one, in both the zip and the legacy format.
 */
enum TorchStorageType {
    FLOAT("FloatStorage", SafetensorsDtype.F32),
    HALF("HalfStorage", SafetensorsDtype.F16),
    BFLOAT16("BFloat16Storage", SafetensorsDtype.BF16),
    DOUBLE("DoubleStorage", SafetensorsDtype.F64),
    LONG("LongStorage", SafetensorsDtype.I64),
    INT("IntStorage", SafetensorsDtype.I32),
    SHORT("ShortStorage", SafetensorsDtype.I16),
    CHAR("CharStorage", SafetensorsDtype.I8),
    BYTE("ByteStorage", SafetensorsDtype.U8),
    BOOL("BoolStorage", SafetensorsDtype.BOOL);

    /** The class name under module {@code torch}, e.g. "FloatStorage". */
    final String className;
    final SafetensorsDtype dtype;

    TorchStorageType(String className, SafetensorsDtype dtype) {
        this.className = className;
        this.dtype = dtype;
    }

    int elementSize() {
        return dtype.size;
    }

    static Optional<TorchStorageType> ofClassName(String className) {
        return Arrays.stream(values()).filter(t -> t.className.equals(className)).findFirst();
    }
}
