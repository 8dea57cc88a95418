package dev.electrabench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.fixtures.HfFixture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PyTorchCheckpoint} against what torch reads: the small files of {@code src/test/resources/pytorch}
 * (written by tools/pytorch-checkpoints/make_test_checkpoints.py, with torch's own reading in expected.json)
 * and the hf-tiny-bin fixtures against the safetensors of the same models.
 */
class PyTorchCheckpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path resource(String name) {
        try {
            return Path.of(PyTorchCheckpointTest.class.getResource("/pytorch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offsets, strides, float16/bfloat16/float64/int64/int32/bool, scalars, empty tensors, in three encodings. */
    @ParameterizedTest
    @ValueSource(strings = {"views.bin", "views-legacy.bin", "views-protocol4.bin", "parameters.bin"})
    void readsWhatTorchReads(String file) throws IOException {
        JsonNode expected = JSON.readTree(resource("expected.json").toFile()).get(file);
        Map<String, TensorData> read = PyTorchCheckpoint.read(resource(file));
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        assertEquals(names, new ArrayList<>(read.keySet()), "names in file order");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TensorData t = read.get(e.getKey());
            long[] shape = new long[e.getValue().get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().get("shape").get(i).asLong();
            }
            float[] values = new float[e.getValue().get("values").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) e.getValue().get("values").get(i).asDouble();
            }
            assertArrayEquals(shape, t.shape(), file + " " + e.getKey() + " shape");
            assertArrayEquals(values, t.values(), file + " " + e.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.bin", "views-legacy.bin"})
    void aStorageNamedTwiceIsReadOnce(String file) {
        Map<String, TensorData> read = PyTorchCheckpoint.read(resource(file));
        assertSame(read.get("decoder.weight").values(), read.get("embeddings.weight").values());
        // a view of part of a storage gets its own array
        assertNotEquals(read.get("base").values().length, read.get("block").values().length);
    }

    /** The zip-format fixtures hold exactly the safetensors fixtures' float32 values (plus tied duplicates). */
    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls", "bert-mlm-legacy"})
    void holdTheSafetensorsValues(String binFolder) {
        Map<String, TensorData> bin = PyTorchCheckpoint.read(HfFixture.binFolder(binFolder).resolve(WeightFiles.PYTORCH));
        Map<String, TensorData> st = Safetensors.read(HfFixture.folder(HfFixture.modelOfBinFolder(binFolder)).resolve(WeightFiles.SAFETENSORS));
        assertTrue(bin.keySet().containsAll(st.keySet()), "every safetensors tensor is in the .bin");
        st.forEach((name, t) -> assertEquals(t, bin.get(name), name));
    }

    /** float16 weights: every value is the float32 one rounded to 11 significant bits, and not all equal it. */
    @Test
    void float16ValuesAreTheFloat32OnesRounded() {
        Map<String, TensorData> fp16 = WeightFiles.read(HfFixture.binFolder("electra-discriminator-fp16"));
        Map<String, TensorData> f32 = WeightFiles.read(HfFixture.folder("electra-discriminator"));
        assertEquals(f32.keySet(), fp16.keySet());
        int rounded = 0;
        for (String name : f32.keySet()) {
            float[] a = f32.get(name).values();
            float[] h = fp16.get(name).values();
            assertEquals(a.length, h.length, name);
            for (int i = 0; i < a.length; i++) {
                // half an ulp of float16: 2^-11 relative for normal values, 2^-25 absolute for subnormals
                double bound = Math.max(Math.abs(a[i]) * 0x1p-11, 0x1p-25);
                assertTrue(Math.abs(a[i] - h[i]) <= bound, name + "[" + i + "]: " + h[i] + " vs " + a[i]);
                rounded += a[i] != h[i] ? 1 : 0;
            }
        }
        assertTrue(rounded > 1000, "the fp16 copy should differ from float32 (" + rounded + " values do)");
    }

    @Test
    void shardsReadAsTheWholeFile() {
        Map<String, TensorData> sharded = WeightFiles.read(HfFixture.binFolder("electra-generator-sharded"));
        Map<String, TensorData> whole = PyTorchCheckpoint.read(HfFixture.binFolder("electra-generator").resolve(WeightFiles.PYTORCH));
        assertEquals(whole.keySet(), sharded.keySet());
        whole.forEach((name, t) -> assertEquals(t, sharded.get(name), name));
    }

    /** A folder holding both: safetensors wins (here the float32 file beside a float16 .bin). */
    @Test
    void safetensorsWinsOverPytorchBin(@TempDir Path dir) throws IOException {
        Files.copy(HfFixture.folder("electra-discriminator").resolve(WeightFiles.SAFETENSORS), dir.resolve(WeightFiles.SAFETENSORS));
        Files.copy(HfFixture.binFolder("electra-discriminator-fp16").resolve(WeightFiles.PYTORCH), dir.resolve(WeightFiles.PYTORCH));
        assertEquals(dir.resolve(WeightFiles.SAFETENSORS), WeightFiles.find(dir));
        assertEquals(Safetensors.read(dir.resolve(WeightFiles.SAFETENSORS)), WeightFiles.read(dir));
    }

    /** Sharded safetensors through model.safetensors.index.json: two shards written here from the fixture. */
    @Test
    void readsShardedSafetensors(@TempDir Path dir) throws IOException {
        Map<String, TensorData> whole = Safetensors.read(HfFixture.folder("electra-generator").resolve(WeightFiles.SAFETENSORS));
        Map<String, TensorData> first = new java.util.LinkedHashMap<>();
        Map<String, TensorData> second = new java.util.LinkedHashMap<>();
        StringBuilder map = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, TensorData> e : whole.entrySet()) {
            boolean one = i++ % 2 == 0;
            (one ? first : second).put(e.getKey(), e.getValue());
            map.append(map.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"model-0000")
                    .append(one ? 1 : 2).append("-of-00002.safetensors\"");
        }
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), first);
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), second);
        Files.writeString(dir.resolve(WeightFiles.SAFETENSORS_INDEX), "{\"metadata\":{},\"weight_map\":{" + map + "}}");
        Map<String, TensorData> read = WeightFiles.read(dir);
        assertEquals(whole.keySet(), read.keySet());
        whole.forEach((name, t) -> assertEquals(t, read.get(name), name));
    }
}
