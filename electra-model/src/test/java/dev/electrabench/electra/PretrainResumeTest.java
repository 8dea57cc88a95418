package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.TokenizerFiles;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.pretrain.Masker;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.core.pretrain.Pretrainer;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.runtime.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * N steps + kill + resume N gives the same weights as 2N uninterrupted (same seed, CPU), on the eager engine
 * and on the SameDiff graph ({@code -Delectrabench.engine=graph}).
 */
class PretrainResumeTest {
    static final Path SMOKE = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml");

    static ReplacedTokenDetectionObjective objective(RunConfig cfg) {
        TransformerConfig disc = TransformerConfig.of(cfg.model(), Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        return new ReplacedTokenDetectionObjective(disc, cfg.generator().hiddenFraction(), PretrainingSetup.masking(cfg, true),
                cfg.pretrain().maxSeqLength(), cfg.pretrain().genWeight(), cfg.pretrain().discWeight(),
                cfg.pretrain().temperature(), cfg.seed());
    }

    static Pretrainer.Result run(RunConfig cfg, Path out, Path cache, long stopAfter, ReplacedTokenDetectionObjective o) {
        PretrainingSetup.Inputs in = PretrainingSetup.open(cfg, DataDir.resolve(), cache, cfg.seed());
        Pretrainer p = new Pretrainer(o, cfg.pretrain(), in.dataset(), new Masker(o.masking(), in.vocab()),
                new Pretrainer.Options(out, 6, 0, cfg.seed(), Set.of(), null, stopAfter));
        return p.run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eager", "graph"})
    void resumeEqualsUninterrupted(String engine, @TempDir Path tmp) throws Exception {
        String previous = System.setProperty(EngineChoice.ENGINE_PROPERTY, engine);
        try {
            resumeEqualsUninterrupted(tmp);
        } finally {
            if (previous == null) {
                System.clearProperty(EngineChoice.ENGINE_PROPERTY);
            } else {
                System.setProperty(EngineChoice.ENGINE_PROPERTY, previous);
            }
        }
    }

    /** Both models of a checkpoint carry the run's vocabulary and HF's tokenizer files. */
    static void assertCompleteHfFolders(RunConfig cfg, Path checkpoint) throws Exception {
        List<String> vocab = Files.readAllLines(cfg.vocabPath(DataDir.resolve()));
        for (String model : List.of(ReplacedTokenDetectionObjective.DISCRIMINATOR, ReplacedTokenDetectionObjective.GENERATOR)) {
            Path dir = checkpoint.resolve(model);
            assertEquals(vocab, Files.readAllLines(dir.resolve(TokenizerFiles.VOCAB)), dir + " vocab.txt");
            JsonNode tok = JSON.readTree(dir.resolve(TokenizerFiles.CONFIG).toFile());
            assertEquals("ElectraTokenizer", tok.get("tokenizer_class").asText());
            assertTrue(tok.get("do_lower_case").asBoolean());
            assertEquals(cfg.model().maxPositionEmbeddings(), tok.get("model_max_length").asInt());
            JsonNode special = JSON.readTree(dir.resolve(TokenizerFiles.SPECIAL_TOKENS).toFile());
            assertEquals("[MASK]", special.get("mask_token").asText());
            assertEquals("[CLS]", special.get("cls_token").asText());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private void resumeEqualsUninterrupted(Path tmp) throws Exception {
        // a row every 2 steps: the row at step 4 averages step 3 (before the "kill") and step 4 (after the resume)
        Path config = tmp.resolve("smoke-log2.yaml");
        Files.writeString(config, Files.readString(SMOKE).replace("log_every: 1", "log_every: 2"));
        RunConfig cfg = RunConfig.load(config);
        assertEquals(2, cfg.pretrain().logEvery());
        Path cache = tmp.resolve("cache");
        ReplacedTokenDetectionObjective straight = objective(cfg);
        run(cfg, tmp.resolve("a"), cache, 0, straight);
        assertCompleteHfFolders(cfg, tmp.resolve("a").resolve(Pretrainer.FINAL));
        assertCompleteHfFolders(cfg, tmp.resolve("a/checkpoints/step-6"));

        run(cfg, tmp.resolve("b"), cache, 3, objective(cfg));          // "killed" after step 3
        assertTrue(Files.exists(tmp.resolve("b/checkpoints/step-3/trainer/state.json")));
        ReplacedTokenDetectionObjective resumed = objective(cfg);      // fresh process: new random init
        Pretrainer.Result r = run(cfg, tmp.resolve("b"), cache, 0, resumed);
        assertEquals(6, r.steps());

        for (Map.Entry<String, INDArray> e : straight.parameters().asMap().entrySet()) {
            INDArray other = resumed.parameters().get(e.getKey());
            double diff = e.getValue().sub(other).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-6, e.getKey() + " differs by " + diff);
        }
        // and the run really trained: weights moved away from the initialisation
        ReplacedTokenDetectionObjective init = objective(cfg);
        String w = "electra.encoder.layer.0.attention.self.query.weight";
        assertTrue(straight.parameters().get(w).sub(init.parameters().get(w)).amaxNumber().doubleValue() > 1e-5);
        // the same metrics rows, none duplicated by the resume, the window across it included
        var a = Files.readAllLines(tmp.resolve("a/metrics.csv"));
        var b = Files.readAllLines(tmp.resolve("b/metrics.csv"));
        assertEquals(5, b.size(), "header + the first step + one row per 2 steps");
        assertEquals("1", b.get(1).split(",")[0], "the first row is step 1: the initial model's loss");
        assertEquals(a.size(), b.size());
        for (int i = 1; i < a.size(); i++) { // every column but the two timing ones (tokens_per_s, wall_s)
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertEquals(List.of(x).subList(0, x.length - 2), List.of(y).subList(0, y.length - 2), "row " + i);
        }
        assertTrue(Files.exists(tmp.resolve("b/final/discriminator/model.safetensors")));
        assertTrue(Files.exists(tmp.resolve("b/final/generator/config.json")));
    }
}
