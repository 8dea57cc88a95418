package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.harness.ElectraBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code electra-bench flops} in-process; expected numbers are the paper's (reference doc §1.1/§1.3). */
class FlopsCommandTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ElectraBench.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static JsonNode json(Result r) throws IOException {
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected), "expected " + expected + " got " + actual);
    }

    @Test
    void presetJsonCarriesThePaperNumbers() throws IOException {
        JsonNode j = json(run("flops", "--preset", "electra-small", "--json"));
        assertEquals("electra-small", j.get("preset").asText());
        assertTrue(j.get("train_flops").isNumber());
        assertRelative(1.294e18, j.get("train_flops").asDouble(), 1e-3);
        assertRelative(1.2937e12, j.get("flops_per_step").asDouble(), 1e-4);
        assertEquals(1_000_000, j.get("steps").asLong());
        assertEquals(128, j.get("batch_size").asLong());
        assertRelative(1.5 * 1.294e18, j.get("train_flops_3x").asDouble(), 1e-3);
        // discriminator inference at s=128 equals BERT-Small's: 3.677e9 (Table 1 "3.7e9")
        assertRelative(3.677e9, j.get("infer_flops").asDouble(), 1e-3);

        JsonNode roberta = json(run("flops", "--preset", "roberta", "--json"));
        assertRelative(3.187e21, roberta.get("train_flops").asDouble(), 1e-3);
    }

    @Test
    void presetStepsCanBeOverridden() throws IOException {
        // Table 1: ELECTRA-Small "50% trained" -> half of the full run's FLOPs
        JsonNode j = json(run("flops", "--preset", "electra-small", "--steps", "500000", "--json"));
        assertRelative(1.294e18 / 2, j.get("train_flops").asDouble(), 1e-3);
    }

    @Test
    void humanTableShowsBothConventions() {
        Result r = run("flops", "--preset", "bert-small");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1.4187e+18"), r.out()); // paper 1.419e18 = 1.4187e18 to 5 digits
        assertTrue(r.out().contains("backward = 2 x forward"), r.out());
    }

    @Test
    void unknownPresetIsAOneLineUsageError() {
        Result r = run("flops", "--preset", "electra-huge", "--json");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("electra-bench: error: unknown preset 'electra-huge'"), r.err());
        assertTrue(r.err().contains("electra-small"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    /** ELECTRA-Small written as a run config (HF field names), with or without the keys that are its defaults. */
    private Path smallConfig(boolean explicitDefaults) throws IOException {
        String yaml = "name: electra-small-test\n"
                + "model:\n"
                + "  hidden_size: 256\n"
                + "  num_hidden_layers: 12\n"
                + "  embedding_size: 128\n"
                + "  intermediate_size: 1024\n"
                + "  num_attention_heads: 4\n"
                + "  vocab_size: 30522\n"
                + (explicitDefaults ? "generator:\n  hidden_fraction: 0.25\n" : "")
                + "pretrain:\n"
                + (explicitDefaults ? "  max_seq_length: 128\n" : "")
                + "  learning_rate: 5.0e-4\n"
                + "  mask_prob: 0.15\n";
        return Files.writeString(dir.resolve(explicitDefaults ? "small.yaml" : "small-defaults.yaml"), yaml);
    }

    @Test
    void configGivesThePaperNumbersForElectraAndBert() throws IOException {
        for (boolean explicit : new boolean[] {true, false}) {
            Path config = smallConfig(explicit);
            JsonNode electra = json(run("flops", "--config", config.toString(), "--model", "electra",
                    "--steps", "1000000", "--batch", "128", "--json"));
            assertRelative(1.294e18, electra.get("train_flops").asDouble(), 1e-3);
            assertTrue(electra.get("preset").isNull());
            JsonNode bert = json(run("flops", "--config", config.toString(), "--model", "bert",
                    "--steps", "1450000", "--batch", "128", "--json"));
            assertRelative(1.419e18, bert.get("train_flops").asDouble(), 1e-3);
        }
    }

    @Test
    void generatorFractionComesFromTheConfig() throws IOException {
        // a 128-wide generator (fraction 0.5) is the paper's 1.4e18 = 1.424e18 (reference doc §1.1)
        // (the key every config uses: `flops` once read model.generator_hidden_fraction and ignored this one)
        String yaml = Files.readString(smallConfig(true)).replace("hidden_fraction: 0.25", "hidden_fraction: 0.5");
        Path config = Files.writeString(dir.resolve("half.yaml"), yaml);
        JsonNode j = json(run("flops", "--config", config.toString(), "--model", "electra", "--steps", "1000000", "--batch", "128", "--json"));
        assertRelative(1.424e18, j.get("train_flops").asDouble(), 1e-3);
    }

    @Test
    void badConfigsAreOneLineErrorsNamingTheFile() throws IOException {
        Path badYaml = Files.writeString(dir.resolve("bad.yaml"), "model:\n  hidden_size: [256\n  num_hidden_layers: 12\n");
        Path unknownKey = Files.writeString(dir.resolve("unknown-key.yaml"), "pretrain:\n  max_seq_length: 128\n  learning_rate: 5.0e-4\n"
                + "  hidden_act: gelu\n");
        Path badValue = Files.writeString(dir.resolve("badvalue.yaml"), "model:\n  hidden_size: wide\n  num_hidden_layers: 12\n");
        Path missing = dir.resolve("missing.yaml");
        for (Path config : new Path[] {badYaml, unknownKey, badValue, missing}) {
            Result r = run("flops", "--config", config.toString(), "--model", "electra", "--steps", "10", "--batch", "8");
            assertEquals(2, r.exit(), config + ": " + r.out());
            assertTrue(r.err().startsWith("electra-bench: error: " + config), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        Result badLine = run("flops", "--config", badYaml.toString(), "--model", "bert", "--steps", "10", "--batch", "8");
        assertTrue(badLine.err().contains(badYaml + ":3:") || badLine.err().contains(badYaml + ":2:"), badLine.err());
        assertTrue(run("flops", "--config", badValue.toString(), "--model", "bert", "--steps", "1", "--batch", "1")
                .err().contains("model.hidden_size: expected an integer, got \"wide\""));
    }

    @Test
    void configIsReadAsPretrainReadsIt() throws IOException {
        // no model: section → the run config's defaults, ELECTRA-Small (what `pretrain` would train)
        Path defaults = Files.writeString(dir.resolve("defaults.yaml"), "name: defaults\n");
        JsonNode j = json(run("flops", "--config", defaults.toString(), "--model", "electra", "--steps", "1000000",
                "--batch", "128", "--json"));
        assertRelative(1.294e18, j.get("train_flops").asDouble(), 1e-3);
    }

    @Test
    void configNeedsModelStepsAndBatch() throws IOException {
        Path config = smallConfig(true);
        Result r = run("flops", "--config", config.toString(), "--model", "electra");
        assertEquals(2, r.exit());
        assertFalse(r.err().isBlank());
        assertEquals(2, run("flops", "--config", config.toString(), "--model", "gpt", "--steps", "1", "--batch", "1").exit());
        assertEquals(2, run("flops", "--preset", "bert-base", "--config", config.toString()).exit());
    }
}
