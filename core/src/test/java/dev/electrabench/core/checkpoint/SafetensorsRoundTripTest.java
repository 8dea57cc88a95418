package dev.electrabench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, TensorData> sample() {
        Random random = new Random(42);
        float[] matrix = new float[3 * 5];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian();
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        // inserted out of name order on purpose
        tensors.put("z.weight", new TensorData("z.weight", new long[] {3, 5}, matrix));
        tensors.put("a.scalar", new TensorData("a.scalar", new long[] {}, new float[] {7.25f}));
        tensors.put("m.empty", new TensorData("m.empty", new long[] {0, 4}, new float[0]));
        tensors.put("b.special", new TensorData("b.special", new long[] {6},
                new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -1e-30f}));
        return tensors;
    }

    @Test
    void writeThenReadGivesIdenticalTensorsAndMetadata() {
        Path file = dir.resolve("model.safetensors");
        Map<String, TensorData> written = sample();
        Safetensors.write(file, written, Map.of("step", "1000"));

        Map<String, TensorData> read = Safetensors.read(file);
        assertEquals(written.keySet(), read.keySet());
        // TensorData.equals compares shapes and values (Arrays.equals: NaN == NaN, -0.0 != 0.0)
        written.forEach((name, tensor) -> assertEquals(tensor, read.get(name), name));
        assertEquals(Map.of("format", "pt", "step", "1000"), Safetensors.readMetadata(file));
    }

    @Test
    void layoutIsSortedContiguousAndHeaderIsSpacePaddedToEightBytes() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8, "header length " + n);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"}"), header);
        assertTrue(header.strip().endsWith("}") && header.substring(header.strip().length()).isBlank(), header);
        // data section: 6 + 1 + 0 + 15 floats, nothing else
        assertEquals(8 + n + 4 * (6 + 1 + 0 + 15), bytes.length);
        // the map is in data-offset order, and the writer lays tensors out by name
        assertEquals(List.of("a.scalar", "b.special", "m.empty", "z.weight"), new ArrayList<>(Safetensors.read(file).keySet()));
        // first tensor by name starts the data section: a.scalar = 7.25f little-endian
        assertEquals(7.25f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n)));
    }

    @Test
    void sameTensorsGiveSameBytesWhateverTheInsertionOrder() throws IOException {
        Map<String, TensorData> forward = sample();
        Map<String, TensorData> reversed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(forward.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.put(names.get(i), forward.get(names.get(i)));
        }
        Safetensors.write(dir.resolve("a.safetensors"), forward);
        Safetensors.write(dir.resolve("b.safetensors"), reversed);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.safetensors")), Files.readAllBytes(dir.resolve("b.safetensors")));
    }

    @Test
    void overwritingLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, sample());
        Safetensors.write(file, Map.of("x", new TensorData("x", new long[] {1}, new float[] {1f})));
        assertEquals(List.of("x"), new ArrayList<>(Safetensors.read(file).keySet()));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void keyMustMatchTensorNameAndMetadataKeyIsReserved() {
        TensorData t = new TensorData("a", new long[] {1}, new float[] {1f});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x"), Map.of("b", t)));
        TensorData reserved = new TensorData("__metadata__", new long[] {1}, new float[] {1f});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x"), Map.of("__metadata__", reserved)));
        assertThrows(IllegalArgumentException.class, () -> new TensorData("a", new long[] {2, 2}, new float[3]));
    }
}
