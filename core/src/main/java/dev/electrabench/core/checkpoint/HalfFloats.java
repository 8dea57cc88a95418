package dev.electrabench.core.checkpoint;

/**
 * Widening of the two 16-bit float formats found in checkpoints to float32 (exact: every F16 and
 * BF16 value is representable in float32). Java 17 has no {@code Float.float16ToFloat}.
 */
final class HalfFloats {
    private HalfFloats() {}

    /** IEEE-754 binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
    static float fromF16(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            // zero or subnormal: mantissa · 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1F) {
            // infinity (mantissa 0) or NaN (payload kept in the top mantissa bits)
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** bfloat16 is the top half of a float32. */
    static float fromBf16(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
