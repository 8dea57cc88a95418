package dev.electrabench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the HF-written fixtures in {@code fixtures/hf-tiny} and checks them against what the
 * fixture README documents and against outputs HF computed from these very weights.
 */
class SafetensorsFixtureTest {
    private static final Path HF_TINY = DataDir.fixtures().resolve("hf-tiny");
    private static Map<String, ReadmeTable> readme;

    /** One "### folder/model.safetensors (header length N = .., K tensors" section of the README. */
    record ReadmeTable(long headerLength, int tensorCount, Map<String, long[]> shapes) {}

    @BeforeAll
    static void parseReadme() throws IOException {
        readme = new LinkedHashMap<>();
        Pattern section = Pattern.compile("^### (\\S+)/model\\.safetensors\\s+\\(header length N = (\\d+), (\\d+) tensors");
        Pattern row = Pattern.compile("^\\| `([^`]+)` \\| \\[([0-9, ]*)\\] \\|$");
        String folder = null;
        for (String line : Files.readAllLines(HF_TINY.resolve("README.md"))) {
            Matcher s = section.matcher(line);
            Matcher r = row.matcher(line);
            if (s.find()) {
                folder = s.group(1);
                readme.put(folder, new ReadmeTable(Long.parseLong(s.group(2)), Integer.parseInt(s.group(3)), new LinkedHashMap<>()));
            } else if (line.startsWith("## ")) {
                folder = null;
            } else if (folder != null && r.matches()) {
                long[] shape = Arrays.stream(r.group(2).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
                readme.get(folder).shapes().put(r.group(1), shape);
            }
        }
        assertEquals(List.of("electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls"),
                new ArrayList<>(readme.keySet()), "README sections parsed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls"})
    void namesShapesAndHeaderLengthMatchTheReadme(String folder) throws IOException {
        Path file = model(folder);
        ReadmeTable expected = readme.get(folder);
        Map<String, TensorData> tensors = Safetensors.read(file);

        assertEquals(expected.tensorCount(), tensors.size());
        assertEquals(expected.shapes().keySet(), tensors.keySet());
        expected.shapes().forEach((name, shape) -> assertArrayEquals(shape, tensors.get(name).shape(), name));
        tensors.values().forEach(t -> assertEquals(TensorData.elementCount(t.shape()), t.values().length, t.name()));
        assertEquals(Map.of("format", "pt"), Safetensors.readMetadata(file));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsHeader.read(file, channel);
            assertEquals(expected.headerLength(), header.headerLength());
            // the map's order is the data-offset order
            assertEquals(header.entries().stream().map(SafetensorsHeader.Entry::name).toList(), new ArrayList<>(tensors.keySet()));
            for (int i = 1; i < header.entries().size(); i++) {
                assertTrue(header.entries().get(i - 1).end() <= header.entries().get(i).begin());
            }
        }
    }

    @Test
    void paddingRowOfWordEmbeddingsIsZeroAndOtherRowsAreNot() {
        TensorData words = Safetensors.read(model("electra-discriminator")).get("electra.embeddings.word_embeddings.weight");
        int dim = (int) words.shape()[1];
        for (int j = 0; j < dim; j++) {
            assertEquals(0f, words.values()[j], "[PAD] row, column " + j);
        }
        // weights ~ N(0, 0.125): row 1 (an ordinary token) cannot be all zeros
        float[] row1 = rowOf(words, 1);
        assertTrue(java.util.stream.IntStream.range(0, dim).anyMatch(j -> row1[j] != 0f));
    }

    @Test
    void generatorAndSeqclsShareTheDiscriminatorsTensorsBitForBit() {
        Map<String, TensorData> disc = Safetensors.read(model("electra-discriminator"));
        Map<String, TensorData> gen = Safetensors.read(model("electra-generator"));
        Map<String, TensorData> seqcls = Safetensors.read(model("electra-seqcls"));
        int sharedWithGenerator = 0;
        for (String name : gen.keySet()) {
            if (name.startsWith("electra.embeddings.")) {
                assertBitIdentical(disc.get(name), gen.get(name));
                sharedWithGenerator++;
            }
        }
        assertEquals(5, sharedWithGenerator);
        int sharedWithSeqcls = 0;
        for (String name : seqcls.keySet()) {
            if (name.startsWith("electra.")) {
                assertBitIdentical(disc.get(name), seqcls.get(name));
                sharedWithSeqcls++;
            }
        }
        assertEquals(39, sharedWithSeqcls);
    }

    /**
     * Independent check of every decoded value that feeds the embeddings: recompute HF's embedding
     * LayerNorm output and the E→H projection from the weights we read (README steps 1-2) and compare
     * with the tensors HF computed from the same file (fixture_batch.json, tolerance 1e-4).
     */
    @Test
    void embeddingsRecomputedFromReadWeightsMatchHfOutputs() throws IOException {
        Map<String, TensorData> w = Safetensors.read(model("electra-discriminator"));
        JsonNode fixture = new ObjectMapper().readTree(HF_TINY.resolve("fixture_batch.json").toFile());
        JsonNode inputs = fixture.get("inputs");
        JsonNode expected = fixture.get("expected").get("electra-discriminator");
        JsonNode ids = inputs.get("disc_input_ids");
        JsonNode types = inputs.get("token_type_ids");
        TensorData word = w.get("electra.embeddings.word_embeddings.weight");
        TensorData pos = w.get("electra.embeddings.position_embeddings.weight");
        TensorData type = w.get("electra.embeddings.token_type_embeddings.weight");
        float[] gamma = w.get("electra.embeddings.LayerNorm.weight").values();
        float[] beta = w.get("electra.embeddings.LayerNorm.bias").values();
        TensorData proj = w.get("electra.embeddings_project.weight");
        float[] projBias = w.get("electra.embeddings_project.bias").values();
        int e = (int) word.shape()[1];
        int h = (int) proj.shape()[0];

        double maxError = 0;
        for (int b = 0; b < ids.size(); b++) {
            for (int s = 0; s < ids.get(b).size(); s++) {
                double[] x = new double[e];
                for (int j = 0; j < e; j++) {
                    x[j] = rowOf(word, ids.get(b).get(s).asInt())[j] + rowOf(pos, s)[j] + rowOf(type, types.get(b).get(s).asInt())[j];
                }
                double mean = Arrays.stream(x).average().orElseThrow();
                double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
                double[] ln = new double[e];
                for (int j = 0; j < e; j++) {
                    ln[j] = (x[j] - mean) / Math.sqrt(var + 1e-12) * gamma[j] + beta[j];
                    maxError = Math.max(maxError, Math.abs(ln[j] - expected.get("embedding_layernorm_output").get(b).get(s).get(j).asDouble()));
                }
                for (int o = 0; o < h; o++) {
                    double y = projBias[o];
                    for (int j = 0; j < e; j++) {
                        y += ln[j] * proj.values()[o * e + j]; // Linear weight is [out, in]
                    }
                    maxError = Math.max(maxError, Math.abs(y - expected.get("encoder_input").get(b).get(s).get(o).asDouble()));
                }
            }
        }
        assertTrue(maxError < 1e-4, "max abs error " + maxError);
    }

    /**
     * HF writes names sorted, compact JSON, space padding to 8 bytes and contiguous F32 data — the
     * same layout as our writer, so re-writing what we read reproduces HF's file byte for byte.
     */
    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "bert-mlm"})
    void rewritingAnHfFileReproducesItsBytes(String folder, @TempDir Path dir) throws IOException {
        Path original = model(folder);
        Path copy = dir.resolve("copy.safetensors");
        Safetensors.write(copy, Safetensors.read(original), Safetensors.readMetadata(original));
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    private static Path model(String folder) {
        return HF_TINY.resolve(folder).resolve("model.safetensors");
    }

    private static float[] rowOf(TensorData matrix, int row) {
        int cols = (int) matrix.shape()[1];
        return Arrays.copyOfRange(matrix.values(), row * cols, (row + 1) * cols);
    }

    private static void assertBitIdentical(TensorData a, TensorData b) {
        assertArrayEquals(a.shape(), b.shape(), a.name());
        for (int i = 0; i < a.values().length; i++) {
            assertEquals(Float.floatToRawIntBits(a.values()[i]), Float.floatToRawIntBits(b.values()[i]), a.name() + "[" + i + "]");
        }
    }
}
