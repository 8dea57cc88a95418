package dev.electrabench.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configs against the numbers they promise (paper / google-research/electra values from
 * the reference doc §1.4–1.5), defaults, and the canonical hash.
 */
class RunConfigTest {
    @TempDir
    Path tmp;

    static Path shipped(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("configs").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("configs/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void defaultsAreElectraSmall() {
        RunConfig d = RunConfig.defaults();
        ModelSection m = d.model();
        assertEquals(256, m.hiddenSize());
        assertEquals(12, m.numHiddenLayers());
        assertEquals(4, m.numAttentionHeads());
        assertEquals(1024, m.intermediateSize());
        assertEquals(128, m.embeddingSize());
        assertEquals(30522, m.vocabSize());
        // generator: round(256 · 0.25) = 64 hidden, max(1, 64 / 64) = 1 head, FFN 4 · 64 = 256, 12 layers
        TransformerConfig g = d.generator().generatorOf(TransformerConfig.of(m, "ElectraForPreTraining"));
        assertEquals(64, g.hiddenSize);
        assertEquals(1, g.numAttentionHeads);
        assertEquals(256, g.intermediateSize);
        assertEquals(12, g.numHiddenLayers);
        assertEquals(128, g.embeddingSize()); // shared with the discriminator
        PretrainSection p = d.pretrain();
        assertEquals(128, p.batchSize());
        assertEquals(1_000_000, p.maxSteps());
        assertEquals(10_000, p.warmupSteps());
        assertEquals(5e-4, p.learningRate());
        assertEquals(50.0, p.discWeight());
        assertEquals(1e-6, p.adamEpsilon());
        assertFalse(p.biasCorrection());
        assertEquals(19, p.maxPredictionsPerSeq()); // int((0.15 + 0.005) · 128) = int(19.84)
        FinetuneSection f = d.finetune();
        assertEquals(0.8, f.layerwiseLrDecay());
        assertEquals(3, f.epochsFor("cola"));
        assertEquals(10, f.epochsFor("rte"));
        assertEquals(10, f.epochsFor("stsb"));
    }

    @Test
    void tinyConfig() {
        RunConfig c = RunConfig.load(shipped("tiny.yaml"));
        assertEquals("tiny", c.name());
        assertEquals(42, c.seed());
        assertNull(c.dataDir());
        assertEquals(new ModelSection(30522, 128, 128, 2, 2, 512, 512, 2, 0.1, 0.1, 0.02, 1e-12), c.model());
        TransformerConfig g = c.generator().generatorOf(TransformerConfig.of(c.model(), "ElectraForPreTraining"));
        assertEquals(32, g.hiddenSize); // round(0.25 · 128)
        assertEquals(1, g.numAttentionHeads);
        assertEquals(128, g.intermediateSize);
        assertEquals(128, c.pretrain().maxSeqLength());
        assertEquals(32, c.pretrain().batchSize());
        assertEquals(1000, c.pretrain().maxSteps());
        assertEquals(100, c.pretrain().warmupSteps());
        assertEquals(20000, c.pretrain().maxExamples());
        assertEquals(19, c.pretrain().maxPredictionsPerSeq());
        assertTrue(Files.isRegularFile(c.vocabPath(DataDir.resolve())), "vocab under the data dir");
        assertTrue(Files.isDirectory(c.corpusPath(DataDir.resolve())), "corpus under the data dir");
    }

    @Test
    void smallConfigIsThePapersSmallModel() {
        RunConfig c = RunConfig.load(shipped("small.yaml"));
        assertEquals("small", c.name());
        assertEquals(new ModelSection(30522, 128, 256, 12, 4, 1024, 512, 2, 0.1, 0.1, 0.02, 1e-12), c.model());
        assertEquals(ModelSection.electraSmall(), c.model());
        assertEquals(PretrainSection.electraSmall(), c.pretrain());
        assertEquals(GeneratorSection.electraSmall(), c.generator());
        assertEquals(FinetuneSection.electraDefaults(), c.finetune());
        assertEquals(128, c.pretrain().batchSize());
        assertEquals(1_000_000, c.pretrain().maxSteps());
        assertEquals(10_000, c.pretrain().warmupSteps());
    }

    @Test
    void smokeConfigFillsTheRestFromDefaults() {
        RunConfig c = RunConfig.load(shipped("smoke.yaml"));
        assertEquals(new ModelSection(30522, 32, 64, 1, 1, 128, 512, 2, 0.1, 0.1, 0.02, 1e-12), c.model());
        assertEquals(16, c.generator().hiddenSize(c.model())); // round(0.25 · 64)
        assertEquals(64, c.pretrain().maxSeqLength());
        assertEquals(8, c.pretrain().batchSize());
        assertEquals(20, c.pretrain().maxSteps());
        assertEquals(500, c.pretrain().maxExamples());
        assertEquals(9, c.pretrain().maxPredictionsPerSeq()); // derived: int((0.15 + 0.005) · 64) = int(9.92)
        assertEquals(5e-4, c.pretrain().learningRate()); // not in the file: ELECTRA default
        assertEquals(50.0, c.pretrain().discWeight());
        assertEquals(2, c.finetune().epochsFor("rte")); // a given epochs map replaces the default one (rte: 10)
        assertEquals(0.8, c.finetune().layerwiseLrDecay());
    }

    @Test
    void nameDefaultsToTheFileName() throws IOException {
        assertEquals("my-run", RunConfig.load(write("my-run.yaml", "seed: 7\n")).name());
    }

    @Test
    void emptySectionKeepsDefaults() throws IOException {
        RunConfig c = RunConfig.load(write("x.yaml", "name: x\nmodel:\npretrain:\n  batch_size: 4\n"));
        assertEquals(ModelSection.electraSmall(), c.model());
        assertEquals(4, c.pretrain().batchSize());
        assertEquals(10_000, c.pretrain().warmupSteps());
    }

    @Test
    void yamlNumberSpellings() throws IOException {
        // YAML 1.1 reads 1e-6 (no dot) as a string; it must still be accepted as a number
        RunConfig c = RunConfig.load(write("n.yaml", "pretrain:\n  adam_epsilon: 1e-6\n  learning_rate: 2.0E-4\n"
                + "  max_steps: 1_000_000\n"));
        assertEquals(1e-6, c.pretrain().adamEpsilon());
        assertEquals(2e-4, c.pretrain().learningRate());
        assertEquals(1_000_000, c.pretrain().maxSteps());
    }

    @Test
    void yamlRoundTrip() throws IOException {
        RunConfig tiny = RunConfig.load(shipped("tiny.yaml"));
        assertEquals(tiny, RunConfig.load(write("tiny.yaml", tiny.toYaml())));
    }

    @Test
    void sha256DependsOnSettingsNotOnSpelling() throws IOException {
        RunConfig a = RunConfig.load(write("a.yaml", "name: x\npretrain:\n  batch_size: 32\n"));
        // same settings: other key order, flow style, a comment, a default written out, the derived
        // max_predictions_per_seq written out (int(0.155 · 128) = 19)
        RunConfig b = RunConfig.load(write("b.yaml",
                "# same run\npretrain: {max_predictions_per_seq: 19, batch_size: 32}\nseed: 42\nname: x\n"));
        RunConfig c = RunConfig.load(write("c.yaml", "name: x\npretrain:\n  batch_size: 33\n"));
        assertEquals(a.sha256(), b.sha256());
        assertEquals(a.sha256(), RunConfig.load(write("a2.yaml", "name: x\npretrain:\n  batch_size: 32\n")).sha256());
        assertNotEquals(a.sha256(), c.sha256());
        assertTrue(a.sha256().matches("[0-9a-f]{64}"), a.sha256());
        assertNotEquals(a.sha256(), RunConfig.load(write("d.yaml", "name: x\nseed: 43\npretrain:\n  batch_size: 32\n")).sha256());
        // canonical form: sorted keys, defaults present
        String json = a.canonicalJson();
        assertTrue(json.startsWith("{\"corpus\":"), json);
        int last = -1;
        for (String key : new String[] {"corpus", "data_dir", "finetune", "generator", "model", "name", "pretrain", "seed"}) {
            int at = json.indexOf("\"" + key + "\":");
            assertTrue(at > last, key + " out of order in " + json);
            last = at;
        }
        assertTrue(json.contains("\"max_predictions_per_seq\":19"), json);
    }
}
