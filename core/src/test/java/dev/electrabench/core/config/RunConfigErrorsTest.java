package dev.electrabench.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad config gives one line: "file:line: key: problem". */
class RunConfigErrorsTest {
    @TempDir
    Path tmp;

    private String error(String yaml) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, yaml);
        String message = assertThrows(UserException.class, () -> RunConfig.load(file)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertFalse(message.contains("\n"), message);
        return message;
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' not in: " + message);
        }
    }

    @Test
    void unknownKeyNamesKeyAndLine() throws IOException {
        String m = error("name: x\npretrain:\n  batch_size: 4\n  batch_sise: 4\n");
        assertContains(m, "bad.yaml:4:", "unknown key pretrain.batch_sise", "batch_size");
        assertContains(error("modle:\n  hidden_size: 3\n"), "bad.yaml:1:", "unknown key modle");
    }

    @Test
    void wrongTypes() throws IOException {
        assertContains(error("pretrain:\n  batch_size: lots\n"),
                "bad.yaml:2:", "pretrain.batch_size: expected an integer", "lots");
        assertContains(error("pretrain:\n  batch_size: 3.5\n"), "bad.yaml:2:", "pretrain.batch_size: expected an integer");
        assertContains(error("seed: null\n"), "bad.yaml:1:", "seed: expected an integer, got null");
        assertContains(error("pretrain:\n  bias_correction: maybe\n"), "bad.yaml:2:", "pretrain.bias_correction: expected true or false");
        assertContains(error("model: 12\n"), "bad.yaml:1:", "model: expected a mapping");
        assertContains(error("finetune:\n  learning_rate: [1, 2]\n"), "bad.yaml:2:", "finetune.learning_rate: expected a number");
    }

    @Test
    void outOfRangeValues() throws IOException {
        assertContains(error("name: x\npretrain:\n  batch_size: 0\n"), "bad.yaml:3:", "pretrain.batch_size: must be > 0");
        assertContains(error("pretrain:\n  mask_prob: 1.5\n"), "bad.yaml:2:", "pretrain.mask_prob: must be in (0, 1)");
        assertContains(error("model:\n  hidden_size: 100\n  num_attention_heads: 3\n"),
                "bad.yaml:3:", "model.num_attention_heads: must divide hidden_size 100");
        assertContains(error("pretrain:\n  max_seq_length: 1024\n"),
                "bad.yaml:2:", "pretrain.max_seq_length: must be <= model.max_position_embeddings 512");
        assertContains(error("finetune:\n  epochs: {rte: 2}\n"), "bad.yaml:2:", "finetune.epochs: needs a 'default' entry");
        assertContains(error("finetune:\n  epochs:\n    default: 3\n    rte: 0\n"), "bad.yaml:4:", "finetune.epochs.rte: must be");
        assertContains(error("name: 'my run'\n"), "bad.yaml:1:", "name: must be letters");
        // 160 · 0.25 = 40 → 1 head fine; 800 · 0.25 = 200 → 3 heads of 66.7: unusable
        assertContains(error("model:\n  hidden_size: 800\n  num_attention_heads: 8\n  max_position_embeddings: 512\n"
                + "generator:\n  hidden_fraction: 0.25\n"), "bad.yaml:6:", "generator.hidden_fraction", "200");
    }

    @Test
    void malformedYamlGivesTheLine() throws IOException {
        assertContains(error("name: x\npretrain:\n  batch_size: 4\n bad: indent: here\n"), "bad.yaml:4:", "malformed YAML");
        assertContains(error("name: x\nmodel: {hidden_size: 4\n"), "malformed YAML");
    }

    @Test
    void structuralProblems() throws IOException {
        assertContains(error(""), "config file is empty");
        assertContains(error("- a\n- b\n"), "bad.yaml:1:", "expected a mapping");
        assertContains(error("seed: 1\nname: x\nseed: 2\n"), "bad.yaml:3:", "duplicate key seed");
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("nope.yaml");
        String m = assertThrows(UserException.class, () -> RunConfig.load(file)).getMessage();
        assertContains(m, file.toString(), "not found");
    }
}
