package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.checkpoint.TokenizerFiles;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code electra-bench finetune}: a short real run, and one-line errors with exit code 2 for user mistakes. */
class FinetuneCommandTest {
    @TempDir
    Path dir;

    /** A random 1-layer ELECTRA discriminator over the BERT vocabulary. */
    private Path tinyModel() {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 30522;
        c.embeddingSize = 16;
        c.hiddenSize = 32;
        c.numHiddenLayers = 1;
        c.numAttentionHeads = 1;
        c.intermediateSize = 64;
        c.maxPositionEmbeddings = 64;
        c.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        Path model = dir.resolve("model");
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, 1), model);
        return model;
    }

    private static void assertOneLineError(Cli r, String fragment) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("electra-bench: error: "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void aShortRunWritesTheBestModelAndReportsDevAccuracy() throws IOException {
        Path out = dir.resolve("out");
        Cli r = Cli.run("finetune", "--model", tinyModel().toString(), "--task", "rte", "--out", out.toString(),
                "--seed", "3", "--epochs", "1", "--max-train-examples", "32", "--max-eval-examples", "16",
                "--max-seq-length", "48", "--no-test");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("rte: dev accuracy "), r.out());
        assertTrue(Files.exists(out.resolve("best").resolve(HfCheckpoint.WEIGHTS)));
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size());
        assertEquals(17, Files.readAllLines(out.resolve("dev_predictions.tsv")).size(), "header + 16 rows");
        assertTrue(Files.notExists(out.resolve("test")), "--no-test");
        // a complete HF folder: the task's label names and the tokenizer files
        JsonNode config = new ObjectMapper().readTree(out.resolve("best").resolve(HfCheckpoint.CONFIG).toFile());
        assertEquals("{\"0\":\"entailment\",\"1\":\"not_entailment\"}", config.get("id2label").toString());
        assertEquals("{\"entailment\":0,\"not_entailment\":1}", config.get("label2id").toString());
        assertEquals(30522, Files.readAllLines(out.resolve("best").resolve(TokenizerFiles.VOCAB)).size());
        JsonNode tok = new ObjectMapper().readTree(out.resolve("best").resolve(TokenizerFiles.CONFIG).toFile());
        assertTrue(tok.get("do_lower_case").asBoolean());
        assertEquals(64, tok.get("model_max_length").asInt());
        assertTrue(Files.exists(out.resolve("best").resolve(TokenizerFiles.SPECIAL_TOKENS)));
    }

    @Test
    void anUnknownTaskIsAOneLineError() {
        assertOneLineError(Cli.run("finetune", "--model", dir.toString(), "--task", "sst3", "--out", dir.resolve("o").toString()),
                "unknown task 'sst3'");
    }

    @Test
    void aMissingModelFolderIsAOneLineError() {
        assertOneLineError(Cli.run("finetune", "--model", dir.resolve("nope").toString(), "--task", "sst2",
                "--out", dir.resolve("o").toString()), "model folder not found");
    }

    @Test
    void aModelWhoseVocabularyIsTooSmallIsAOneLineError() {
        Path fixture = DataDir.fixtures().resolve("hf-tiny/electra-discriminator"); // vocab_size 512
        assertOneLineError(Cli.run("finetune", "--model", fixture.toString(), "--task", "sst2",
                "--out", dir.resolve("o").toString()), "vocab_size 512 is smaller than the vocabulary's 30522 tokens");
    }

    @Test
    void aSequenceLongerThanTheModelsPositionsIsAOneLineError() {
        assertOneLineError(Cli.run("finetune", "--model", tinyModel().toString(), "--task", "squad1.1-devsplit",
                "--out", dir.resolve("o").toString()), "max_seq_length 384 for squad1.1-devsplit exceeds max_position_embeddings 64");
    }

    @Test
    void aMissingConfigFileIsAOneLineError() {
        assertOneLineError(Cli.run("finetune", "--model", dir.toString(), "--task", "sst2", "--out", dir.resolve("o").toString(),
                "--config", dir.resolve("missing.yaml").toString()), "missing.yaml");
    }

    @Test
    void negativeCapsAreAOneLineError() {
        assertOneLineError(Cli.run("finetune", "--model", dir.toString(), "--task", "sst2", "--out", dir.resolve("o").toString(),
                "--max-eval-examples", "-1"), "--max-* values >= 0");
    }
}
