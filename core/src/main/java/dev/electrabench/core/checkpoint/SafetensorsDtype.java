package dev.electrabench.core.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The safetensors element types this reader turns into float32. Integer types are included because
 * HF checkpoints sometimes store buffers such as {@code position_ids} as I64; they convert exactly
 * up to 2^24. Other safetensors types (F8, U64, ...) are rejected as unsupported.
 */
enum SafetensorsDtype {
    F32(4) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            le.asFloatBuffer().get(into);
        }
    },
    F16(2) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = HalfFloats.fromF16(le.getShort(2 * i));
            }
        }
    },
    BF16(2) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = HalfFloats.fromBf16(le.getShort(2 * i));
            }
        }
    },
    F64(8) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = (float) le.getDouble(8 * i);
            }
        }
    },
    I64(8) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = le.getLong(8 * i);
            }
        }
    },
    I32(4) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = le.getInt(4 * i);
            }
        }
    },
    I16(2) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = le.getShort(2 * i);
            }
        }
    },
    I8(1) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = le.get(i);
            }
        }
    },
    U8(1) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = le.get(i) & 0xFF;
            }
        }
    },
    BOOL(1) {
        @Override
        void decode(ByteBuffer le, float[] into) {
            for (int i = 0; i < into.length; i++) {
                into[i] = le.get(i) != 0 ? 1f : 0f;
            }
        }
    };

    /** Bytes per element. */
    final int size;

    SafetensorsDtype(int size) {
        this.size = size;
    }

    /**
     * Converts {@code into.length} elements read from index 0 of {@code le}, a little-endian buffer
     * holding exactly {@code into.length * size} bytes.
     */
    abstract void decode(ByteBuffer le, float[] into);

    static Optional<SafetensorsDtype> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
