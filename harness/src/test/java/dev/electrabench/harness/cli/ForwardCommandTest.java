package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.checkpoint.Safetensors;
import dev.electrabench.core.checkpoint.TensorData;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.fixtures.HostileCheckpoints;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.runtime.EngineChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code electra-bench forward} in-process: HF parity on the fixture checkpoints (README tolerance
 * 1e-4), input defaults, and one-line exit-2 errors for bad inputs and bad checkpoint folders.
 */
class ForwardCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOL = 1e-4;
    private static final Path FIXTURES = DataDir.fixtures().resolve("hf-tiny");
    /** vocab 512, max_position_embeddings 64, type_vocab_size 2. */
    private static final Path DISCRIMINATOR = FIXTURES.resolve("electra-discriminator");

    private static JsonNode batch;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixtureBatch() throws IOException {
        batch = JSON.readTree(FIXTURES.resolve("fixture_batch.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls"})
    void matchesHuggingFaceOnTheFixtures(String model) throws IOException {
        assertMatches(FIXTURES.resolve(model), model, batch.get("expected").get(model));
    }

    /** The same from pytorch_model.bin: zip and legacy formats, shards with an index. */
    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls",
        "bert-mlm-legacy", "electra-generator-sharded"})
    void matchesHuggingFaceFromPytorchBin(String binFolder) throws IOException {
        String model = HfFixture.modelOfBinFolder(binFolder);
        assertMatches(HfFixture.binFolder(binFolder), model, batch.get("expected").get(model));
    }

    /**
     * The heads the shared fixtures lack, made by HF the same way ({@code tools/torch-reference/make_head_fixtures.py}):
     * ELECTRA token classification and QA, BERT's pooler sequence classification, BERT token classification and QA,
     * each on two batches of different shapes and padding, on the engine and on the SameDiff graph.
     */
    @ParameterizedTest(name = "{0} on the {1}")
    @MethodSource("headFixtures")
    void matchesHuggingFaceOnEveryHead(String model, String engine) throws Exception {
        Path folder = Path.of(ForwardCommandTest.class.getResource("/hf-heads/" + model + "/config.json").toURI()).getParent();
        JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
        assertEquals(JSON.readTree(folder.resolve("config.json").toFile()).get("architectures").get(0).asText(),
                expected.get("architecture").asText());
        String previous = System.getProperty(EngineChoice.ENGINE_PROPERTY);
        if (engine.equals("graph")) {
            System.setProperty(EngineChoice.ENGINE_PROPERTY, EngineChoice.GRAPH);
        }
        try {
            int i = 0;
            for (JsonNode b : expected.get("batches")) {
                ObjectNode in = JSON.createObjectNode();
                for (String key : List.of("input_ids", "attention_mask", "token_type_ids")) {
                    in.set(key, b.get(key));
                }
                Path input = write("in.json", in.toString());
                Path output = dir.resolve("out-" + i + ".json");
                Cli r = Cli.run("forward", "--model", folder.toString(), "--input", input.toString(), "--output", output.toString());
                assertEquals(0, r.exit(), r.err());
                JsonNode out = JSON.readTree(output.toFile());
                assertSameNesting(model + " batch " + i + " logits", b.get("logits"), out.get("logits"));
                assertSameNesting(model + " batch " + i + " last_hidden_state", b.get("last_hidden_state"), out.get("last_hidden_state"));
                i++;
            }
        } finally {
            if (previous == null) {
                System.clearProperty(EngineChoice.ENGINE_PROPERTY);
            } else {
                System.setProperty(EngineChoice.ENGINE_PROPERTY, previous);
            }
        }
    }

    static Stream<Arguments> headFixtures() {
        return Stream.of("electra-tokcls", "electra-qa", "bert-seqcls", "bert-tokcls", "bert-qa")
                .flatMap(m -> Stream.of(Arguments.of(m, "engine"), Arguments.of(m, "graph")));
    }

    /** The float16 copy against HF's outputs on the same float16 file (core's test resources). */
    @Test
    void matchesHuggingFaceFromFloat16Bin() throws IOException {
        JsonNode expected = JSON.readTree(ForwardCommandTest.class.getResource("/pytorch/fp16-discriminator.json"));
        assertMatches(HfFixture.binFolder("electra-discriminator-fp16"), "electra-discriminator", expected);
    }

    /** Malicious, truncated and malformed checkpoints: exit 2, one line naming the file, nothing run or written. */
    @ParameterizedTest
    @MethodSource("hostileCheckpoints")
    void hostileCheckpointIsOneLineExit2(HostileCheckpoints.Case c) throws IOException {
        Path model = c.writeFolder(dir.resolve("models"));
        Path input = write("in.json", "{\"input_ids\": [[2, 5, 3]]}");
        Path output = dir.resolve("out/out.json");

        Cli r = Cli.run("forward", "--model", model.toString(), "--input", input.toString(), "--output", output.toString());

        assertEquals(2, r.exit(), c + ": " + r.err());
        assertEquals(1, r.err().lines().count(), c + ": one line: " + r.err());
        assertTrue(r.err().startsWith("electra-bench: error: " + model), c + " names the file: " + r.err());
        assertTrue(r.err().contains(c.error()), c + ": " + r.err());
        assertFalse(Files.exists(output), c + ": no output");
        assertFalse(Files.exists(model.resolve(HostileCheckpoints.MARKER)), c + ": nothing was executed");
    }

    static List<HostileCheckpoints.Case> hostileCheckpoints() {
        return HostileCheckpoints.all();
    }

    private void assertMatches(Path folder, String model, JsonNode expected) throws IOException {
        JsonNode inputs = batch.get("inputs");
        ObjectNode in = JSON.createObjectNode();
        in.set("input_ids", inputs.get(expected.get("input").asText()));
        in.set("attention_mask", inputs.get("attention_mask"));
        in.set("token_type_ids", inputs.get("token_type_ids"));
        Path input = write("in.json", in.toString());
        Path output = dir.resolve("out/out.json");

        Cli r = Cli.run("forward", "--model", folder.toString(), "--input", input.toString(), "--output", output.toString());

        assertEquals(0, r.exit(), r.err());
        JsonNode out = JSON.readTree(output.toFile());
        assertSameNesting(model + " logits", expected.get("logits"), out.get("logits"));
        assertSameNesting(model + " last_hidden_state", expected.get("last_hidden_state"), out.get("last_hidden_state"));
        try (Stream<Path> files = Files.list(output.getParent())) {
            assertEquals(List.of(output), files.toList(), "only the output file, no temp files left");
        }
    }

    /** Row 0 of the fixture batch has no padding, so the default mask (all ones) is its real mask. */
    @Test
    void attentionMaskDefaultsToAllOnes() throws IOException {
        JsonNode inputs = batch.get("inputs");
        ObjectNode in = JSON.createObjectNode();
        in.putArray("input_ids").add(inputs.get("disc_input_ids").get(0));
        in.putArray("token_type_ids").add(inputs.get("token_type_ids").get(0));
        JsonNode out = runOk(in);
        JsonNode hf = batch.get("expected").get("electra-discriminator");
        assertSameNesting("row 0 logits", JSON.createArrayNode().add(hf.get("logits").get(0)), out.get("logits"));
        assertSameNesting("row 0 last_hidden_state", JSON.createArrayNode().add(hf.get("last_hidden_state").get(0)),
                out.get("last_hidden_state"));
    }

    /** No token_type_ids means segment 0 everywhere (HF's default), which differs from the fixture's segments. */
    @Test
    void tokenTypesDefaultToZero() throws IOException {
        JsonNode inputs = batch.get("inputs");
        ObjectNode implicit = JSON.createObjectNode();
        implicit.set("input_ids", inputs.get("disc_input_ids"));
        implicit.set("attention_mask", inputs.get("attention_mask"));
        ObjectNode explicit = implicit.deepCopy();
        explicit.set("token_type_ids", JSON.valueToTree(new int[2][16]));
        JsonNode a = runOk(implicit);
        JsonNode b = runOk(explicit);
        assertSameNesting("logits", b.get("logits"), a.get("logits"));
        // and it is not what the fixture's segment ids give: the defaults did change something
        JsonNode withSegments = batch.get("expected").get("electra-discriminator").get("logits");
        assertTrue(maxDiff(withSegments, a.get("logits")) > 1e-3, "segment ids should matter");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"input_ids\": [[1, 2, 3],\n  [4, 5 6]]}\n", ":2: not valid JSON"),
                Arguments.of("unclosed list", "{\"input_ids\": [[1, 2],\n  [3, 4]\n", ":3: not valid JSON: Unexpected end-of-input"),
                Arguments.of("empty file", "", "empty file"),
                Arguments.of("not an object", "[[1, 2]]", "expected a JSON object"),
                Arguments.of("missing input_ids", "{\"attention_mask\": [[1, 1]]}", "missing \"input_ids\""),
                Arguments.of("ragged rows", "{\"input_ids\": [[101, 5, 102], [101, 102]]}", "ragged input_ids: row 0 has 3 entries, row 1 has 2"),
                Arguments.of("empty row", "{\"input_ids\": [[]]}", "input_ids[0] is empty"),
                Arguments.of("not a list", "{\"input_ids\": 5}", "\"input_ids\" must be a non-empty list of rows"),
                Arguments.of("fractional id", "{\"input_ids\": [[101, 1.5]]}", "input_ids[0][1] must be an integer, got 1.5"),
                Arguments.of("id = vocab_size", "{\"input_ids\": [[101, 512]]}", "input_ids[0][1] = 512 is not a token id: vocab_size is 512"),
                Arguments.of("negative id", "{\"input_ids\": [[101, -1]]}", "input_ids[0][1] = -1 is not a token id"),
                Arguments.of("too long", "{\"input_ids\": [" + zeros(65) + "]}", "sequence length 65 exceeds max_position_embeddings 64"),
                Arguments.of("token type = type_vocab_size", "{\"input_ids\": [[101, 102]], \"token_type_ids\": [[0, 2]]}",
                        "token_type_ids[0][1] = 2 is out of range: type_vocab_size is 2"),
                Arguments.of("mask value 2", "{\"input_ids\": [[101, 102]], \"attention_mask\": [[1, 2]]}",
                        "attention_mask[0][1] = 2 must be 0 (padding) or 1 (token)"),
                Arguments.of("mask shape", "{\"input_ids\": [[101, 102]], \"attention_mask\": [[1, 1, 1]]}",
                        "attention_mask is 1x3 but input_ids is 1x2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneLineExit2(String what, String content, String message) throws IOException {
        Path input = write("in.json", content);
        Path output = dir.resolve("out.json");
        Files.writeString(output, "previous");
        Cli r = Cli.run("forward", "--model", DISCRIMINATOR.toString(), "--input", input.toString(), "--output", output.toString());
        assertOneLineError(r, input.toString(), message);
        assertFalse(r.err().contains("[Source"), "no Jackson source dump: " + r.err());
        assertEquals("previous", Files.readString(output), "a failed run leaves the old output alone");
    }

    @Test
    void missingInputFile() {
        Path input = dir.resolve("nope.json");
        Cli r = Cli.run("forward", "--model", DISCRIMINATOR.toString(), "--input", input.toString(), "--output", dir.resolve("o.json").toString());
        assertOneLineError(r, input.toString(), "input file not found");
    }

    /** A tiny ELECTRA discriminator folder written with our own save, to be broken by each test. */
    private Path tinyCheckpoint() {
        TransformerConfig c = new TransformerConfig();
        c.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        c.vocabSize = 13;
        c.embeddingSize = 4;
        c.hiddenSize = 8;
        c.numHiddenLayers = 1;
        c.numAttentionHeads = 2;
        c.intermediateSize = 16;
        c.maxPositionEmbeddings = 8;
        Path folder = dir.resolve("ckpt");
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, 1), folder);
        return folder;
    }

    private Cli forwardOn(Path folder) throws IOException {
        Path input = write("in.json", "{\"input_ids\": [[1, 5, 2]]}");
        return Cli.run("forward", "--model", folder.toString(), "--input", input.toString(), "--output", dir.resolve("o.json").toString());
    }

    @Test
    void intactTinyCheckpointRuns() throws IOException {
        // the baseline for the broken variants below: the same folder and input work
        Cli r = forwardOn(tinyCheckpoint());
        assertEquals(0, r.exit(), r.err());
        JsonNode out = JSON.readTree(dir.resolve("o.json").toFile());
        assertEquals(1, out.get("logits").size());
        assertEquals(3, out.get("logits").get(0).size());
        assertEquals(8, out.get("last_hidden_state").get(0).get(0).size());
    }

    @Test
    void missingModelFolder() throws IOException {
        Path folder = dir.resolve("no-such-model");
        assertOneLineError(forwardOn(folder), folder.toString(), "model folder not found");
    }

    @Test
    void missingConfig() throws IOException {
        Path folder = tinyCheckpoint();
        Files.delete(folder.resolve("config.json"));
        assertOneLineError(forwardOn(folder), folder.resolve("config.json").toString(), "config file not found");
    }

    @Test
    void malformedConfig() throws IOException {
        Path folder = tinyCheckpoint();
        Files.writeString(folder.resolve("config.json"), "{\n  \"hidden_size\": 8,\n  oops\n}");
        assertOneLineError(forwardOn(folder), folder.resolve("config.json") + ":3", "malformed config.json");
    }

    @Test
    void inconsistentConfig() throws IOException {
        Path folder = tinyCheckpoint();
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"num_attention_heads\" : 2", "\"num_attention_heads\" : 3"));
        assertOneLineError(forwardOn(folder), config.toString(), "hidden_size 8 is not divisible by num_attention_heads 3");
    }

    @Test
    void unknownArchitecture() throws IOException {
        Path folder = tinyCheckpoint();
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("ElectraForPreTraining", "ElectraForMultipleChoice"));
        assertOneLineError(forwardOn(folder), config.toString(), "unknown architecture 'ElectraForMultipleChoice'");
    }

    @Test
    void missingWeightsFile() throws IOException {
        Path folder = tinyCheckpoint();
        Files.delete(folder.resolve("model.safetensors"));
        assertOneLineError(forwardOn(folder), folder.toString(), "no weights file: expected one of model.safetensors, "
                + "model.safetensors.index.json, pytorch_model.bin, pytorch_model.bin.index.json");
    }

    @Test
    void missingTensor() throws IOException {
        Path folder = tinyCheckpoint();
        Map<String, TensorData> tensors = Safetensors.read(folder.resolve("model.safetensors"));
        tensors.remove("electra.encoder.layer.0.attention.self.value.bias");
        Safetensors.write(folder.resolve("model.safetensors"), tensors);
        assertOneLineError(forwardOn(folder), folder.resolve("model.safetensors").toString(),
                "missing tensor electra.encoder.layer.0.attention.self.value.bias [8]");
    }

    @Test
    void misShapedTensor() throws IOException {
        Path folder = tinyCheckpoint();
        Map<String, TensorData> tensors = new LinkedHashMap<>(Safetensors.read(folder.resolve("model.safetensors")));
        String name = "electra.embeddings_project.weight"; // [8, 4] stored transposed
        tensors.put(name, new TensorData(name, new long[] {4, 8}, tensors.get(name).values()));
        Safetensors.write(folder.resolve("model.safetensors"), tensors);
        assertOneLineError(forwardOn(folder), folder.resolve("model.safetensors").toString(),
                "tensor " + name + " has shape [4, 8], config.json implies [8, 4]");
    }

    @Test
    void truncatedSafetensors() throws IOException {
        Path folder = tinyCheckpoint();
        Path weights = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertOneLineError(forwardOn(folder), weights.toString(), "");
    }

    @Test
    void garbageSafetensorsHeader() throws IOException {
        Path folder = tinyCheckpoint();
        Path weights = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        byte[] junk = "{not json at all".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(junk, 0, bytes, 8, junk.length); // keep the length prefix, break the JSON header
        Files.write(weights, bytes);
        assertOneLineError(forwardOn(folder), weights.toString(), "header is not valid JSON");
    }

    // ---- helpers

    private JsonNode runOk(ObjectNode in) throws IOException {
        Path input = write("in.json", in.toString());
        Path output = dir.resolve("out.json");
        Cli r = Cli.run("forward", "--model", DISCRIMINATOR.toString(), "--input", input.toString(), "--output", output.toString());
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(output.toFile());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String zeros(int n) {
        List<String> z = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            z.add("0");
        }
        return "[" + String.join(", ", z) + "]";
    }

    private static void assertOneLineError(Cli r, String file, String message) {
        assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("electra-bench: error: " + file), "names the file: " + err);
        assertTrue(err.contains(message), "expected '" + message + "' in: " + err);
    }

    /** Same nesting (every list length) and every number within {@link #TOL}. */
    private static void assertSameNesting(String what, JsonNode expected, JsonNode actual) {
        assertTrue(actual != null, what + " missing");
        assertEquals(expected.isArray(), actual.isArray(), what + ": nesting");
        if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), what + ": length");
            for (int i = 0; i < expected.size(); i++) {
                assertSameNesting(what + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertTrue(actual.isNumber(), what + ": number");
            assertEquals(expected.asDouble(), actual.asDouble(), TOL, what);
        }
    }

    private static double maxDiff(JsonNode a, JsonNode b) {
        if (a.isArray()) {
            double worst = 0;
            for (int i = 0; i < a.size(); i++) {
                worst = Math.max(worst, maxDiff(a.get(i), b.get(i)));
            }
            return worst;
        }
        return Math.abs(a.asDouble() - b.asDouble());
    }
}
