package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.ElectraBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenize subcommand, run in-process on HF fixture inputs and on bad input files. */
class TokenizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VOCAB = DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path in, Path outFile) {
        return ElectraBench.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute("tokenize", "--vocab", VOCAB.toString(), "--input", in.toString(), "--output", outFile.toString());
    }

    private static Map<String, JsonNode> fixtureCases() throws IOException {
        JsonNode root = JSON.readTree(DataDir.fixtures().resolve("tokenizer/wordpiece_cases.json").toFile());
        Map<String, JsonNode> byId = new HashMap<>();
        root.get("cases").forEach(c -> byId.put(c.get("id").asText(), c));
        return byId;
    }

    @Test
    void encodesLikeTheHfFixturesAndKeepsInputFields() throws IOException {
        Map<String, JsonNode> cases = fixtureCases();
        List<String> ids = List.of("basic", "special_literal", "pair_pad", "single_pad", "cjk_zh");
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            JsonNode c = cases.get(id);
            ObjectNode line = JSON.createObjectNode().put("id", id).put("text", c.get("text").asText());
            if (c.hasNonNull("text_pair")) {
                line.put("text_pair", c.get("text_pair").asText());
            }
            if (c.hasNonNull("max_length")) {
                line.put("max_length", c.get("max_length").asInt()); // these cases also pad to it
            }
            lines.add(JSON.writeValueAsString(line));
        }
        lines.add(1, "   "); // blank lines are skipped
        Path in = Files.write(dir.resolve("in.jsonl"), lines);
        Path outFile = dir.resolve("sub/out.jsonl");

        assertEquals(0, run(in, outFile), err.toString());

        List<String> outLines = Files.readAllLines(outFile, StandardCharsets.UTF_8);
        assertEquals(ids.size(), outLines.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode got = JSON.readTree(outLines.get(i));
            JsonNode want = cases.get(ids.get(i));
            assertEquals(ids.get(i), got.get("id").asText(), "input fields are kept");
            assertEquals(want.get("text").asText(), got.get("text").asText());
            for (String field : List.of("input_ids", "token_type_ids", "attention_mask", "tokens")) {
                assertEquals(want.get(field), got.get(field), ids.get(i) + " " + field);
            }
            assertEquals(want.get("input_ids").size(), got.get("offsets").size(), "one offset per token");
        }
        // "Hello, world!": [CLS] hello(0..5) ,(5..6) world(7..12) !(12..13) [SEP]
        assertEquals(JSON.readTree("[[0,0],[0,5],[5,6],[7,12],[12,13],[0,0]]"), JSON.readTree(outLines.get(0)).get("offsets"));
        assertTrue(out.toString().contains("tokenized 5 lines"), out.toString());
    }

    @Test
    void lineThatIsNotJsonIsExit2WithFileAndLine() throws IOException {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of("{\"text\": \"fine\"}", "{\"text\": oops}"));
        Path outFile = dir.resolve("out.jsonl");
        Files.writeString(outFile, "previous content\n");

        assertEquals(2, run(in, outFile));

        String message = err.toString().trim();
        assertTrue(message.startsWith("electra-bench: error: " + in + ":2: not valid JSON"), message);
        assertEquals(1, message.lines().count(), "one line, no stack trace");
        assertEquals("previous content\n", Files.readString(outFile), "failed run leaves the old output");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temp file left behind");
        }
    }

    @Test
    void missingTextIsExit2WithLine() throws IOException {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of("{\"text\": \"a\"}", "", "{\"text_pair\": \"b\"}"));
        Path outFile = dir.resolve("out.jsonl");

        assertEquals(2, run(in, outFile));

        assertTrue(err.toString().contains(in + ":3: missing \"text\""), err.toString());
        assertFalse(Files.exists(outFile));
    }

    @Test
    void badMaxLengthIsExit2() throws IOException {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of("{\"text\": \"a\", \"text_pair\": \"b\", \"max_length\": 2}"));

        assertEquals(2, run(in, dir.resolve("out.jsonl")));

        assertTrue(err.toString().contains(in + ":1: \"max_length\" must be an integer >= 3"), err.toString());
    }

    @Test
    void missingInputFileIsExit2() {
        Path in = dir.resolve("absent.jsonl");

        assertEquals(2, run(in, dir.resolve("out.jsonl")));

        assertTrue(err.toString().contains(in + ": input file not found"), err.toString());
    }
}
