package dev.electrabench.core.checkpoint;

import static dev.electrabench.core.checkpoint.HandMadeSafetensors.doubles;
import static dev.electrabench.core.checkpoint.HandMadeSafetensors.file;
import static dev.electrabench.core.checkpoint.HandMadeSafetensors.longs;
import static dev.electrabench.core.checkpoint.HandMadeSafetensors.shorts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Half-precision and other dtypes are widened to float32 exactly (bit patterns from IEEE-754 by hand). */
class SafetensorsDtypeTest {
    @TempDir
    Path dir;

    @Test
    void f16BitPatternsDecodeToTheirIeeeValues() {
        // 0x3C00: exponent 15 (bias 15), mantissa 0 -> 1.0
        // 0xC000: sign 1, exponent 16 -> -2.0
        // 0x0001: smallest subnormal = 1 x 2^-24
        // 0x03FF: largest subnormal = 1023 x 2^-24
        // 0x0400: smallest normal = 2^-14
        // 0x7BFF: largest finite = (1 + 1023/1024) x 2^15 = 65504
        // 0x3555: (1 + 341/1024) x 2^-2 = 0.333251953125
        // 0x7C00 / 0xFC00: +inf / -inf; 0x8000: -0.0; 0x7E00: quiet NaN
        int[] bits = {0x3C00, 0xC000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0x3555, 0x7C00, 0xFC00, 0x8000, 0x7E00};
        float[] expected = {1.0f, -2.0f, (float) Math.pow(2, -24), (float) (1023 * Math.pow(2, -24)),
            (float) Math.pow(2, -14), 65504f, 0.333251953125f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.NaN};
        float[] got = readSingle("F16", new long[] {bits.length}, shorts(bits));
        assertBitsEqual(expected, got);
    }

    @Test
    void bf16BitPatternsDecodeToTheirIeeeValues() {
        // bf16 = top 16 bits of a float32: 0x3F80 -> 0x3F800000 = 1.0; 0xC000 -> -2.0;
        // 0x4049 -> 0x40490000 = 3.140625; 0x0001 -> 0x00010000 = 2^16 x 2^-149 = 2^-133 (subnormal);
        // 0x7F80 -> +inf; 0xFF80 -> -inf; 0x8000 -> -0.0
        int[] bits = {0x3F80, 0xC000, 0x4049, 0x0001, 0x7F80, 0xFF80, 0x8000};
        float[] expected = {1.0f, -2.0f, 3.140625f, (float) Math.pow(2, -133), Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, -0.0f};
        assertBitsEqual(expected, readSingle("BF16", new long[] {bits.length}, shorts(bits)));
    }

    @Test
    void f64AndIntegerTensorsAreConvertedToFloat() {
        assertArrayEquals(new float[] {1.5f, -2.25f, 0f, 1e-3f}, readSingle("F64", new long[] {2, 2}, doubles(1.5, -2.25, 0, 1e-3)));
        // HF checkpoints store position_ids buffers like this
        assertArrayEquals(new float[] {0, 1, 2, -7}, readSingle("I64", new long[] {1, 4}, longs(0, 1, 2, -7)));
    }

    @Test
    void mixedDtypesInOneFileKeepOffsetOrderAndShapes() {
        String header = "{\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                + "\"a\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[2,4]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        byte[] data = shorts(0x4000 /* c: bf16 2.0 */, 0x3F80 /* a: bf16 1.0 */, 0x3C00, 0xBC00 /* b: f16 1, -1 */);
        Map<String, TensorData> t = Safetensors.read(file(dir, "mixed.safetensors", header, data));
        assertEquals(List.of("c", "a", "b"), new ArrayList<>(t.keySet()));
        assertArrayEquals(new float[] {2f}, t.get("c").values());
        assertArrayEquals(new long[] {}, t.get("a").shape());
        assertArrayEquals(new float[] {1f}, t.get("a").values());
        assertArrayEquals(new float[] {1f, -1f}, t.get("b").values());
        assertTrue(Safetensors.readMetadata(dir.resolve("mixed.safetensors")).isEmpty());
    }

    private float[] readSingle(String dtype, long[] shape, byte[] data) {
        String shapeJson = Arrays.toString(shape).replace(" ", "");
        String header = "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shapeJson + ",\"data_offsets\":[0," + data.length + "]}}";
        TensorData t = Safetensors.read(file(dir, dtype + ".safetensors", header, data)).get("t");
        assertArrayEquals(shape, t.shape());
        return t.values();
    }

    private static void assertBitsEqual(float[] expected, float[] got) {
        assertEquals(expected.length, got.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertTrue(Float.isNaN(got[i]), "index " + i);
            } else {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]),
                        "index " + i + ": expected " + expected[i] + " got " + got[i]);
            }
        }
    }
}
