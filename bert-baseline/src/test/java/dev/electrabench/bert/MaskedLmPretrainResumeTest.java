package dev.electrabench.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.pretrain.Masker;
import dev.electrabench.core.pretrain.Pretrainer;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.core.runtime.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT pre-training on the eager engine (dropout on): N steps + kill + resume N gives bit-identical weights
 * to 2N uninterrupted, and the metrics carry mlm_accuracy.
 */
class MaskedLmPretrainResumeTest {
    static final Path SMOKE = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml");

    static MaskedLmObjective objective(RunConfig cfg) {
        TransformerConfig enc = TransformerConfig.of(cfg.model(), Architecture.BERT_FOR_MASKED_LM.hfName());
        return new MaskedLmObjective(enc, PretrainingSetup.masking(cfg, false), cfg.pretrain().maxSeqLength(), cfg.seed());
    }

    static Pretrainer.Result run(RunConfig cfg, Path out, Path cache, long stopAfter, MaskedLmObjective o) {
        PretrainingSetup.Inputs in = PretrainingSetup.open(cfg, DataDir.resolve(), cache, cfg.seed());
        Pretrainer p = new Pretrainer(o, cfg.pretrain(), in.dataset(), new Masker(o.masking(), in.vocab()),
                new Pretrainer.Options(out, 6, 0, cfg.seed(), Set.of(), null, stopAfter));
        return p.run();
    }

    @Test
    void resumeEqualsUninterrupted(@TempDir Path tmp) throws Exception {
        RunConfig cfg = RunConfig.load(SMOKE);
        Path cache = tmp.resolve("cache");
        MaskedLmObjective straight = objective(cfg);
        assertTrue(straight.engineStep().isPresent(), "BERT trains on the eager engine");
        Pretrainer.Result a = run(cfg, tmp.resolve("a"), cache, 0, straight);

        run(cfg, tmp.resolve("b"), cache, 3, objective(cfg));
        MaskedLmObjective resumed = objective(cfg);
        assertEquals(6, run(cfg, tmp.resolve("b"), cache, 0, resumed).steps());

        for (Map.Entry<String, INDArray> e : straight.parameters().asMap().entrySet()) {
            assertEquals(e.getValue(), resumed.parameters().get(e.getKey()), e.getKey() + " differs after resume");
        }
        MaskedLmObjective init = objective(cfg);
        String w = "electra.encoder.layer.0.attention.self.query.weight";
        assertTrue(straight.parameters().get(w).sub(init.parameters().get(w)).amaxNumber().doubleValue() > 1e-5);
        List<String> rowsA = Files.readAllLines(tmp.resolve("a/metrics.csv"));
        List<String> rowsB = Files.readAllLines(tmp.resolve("b/metrics.csv"));
        assertEquals(7, rowsB.size(), "header + one row per step");
        assertTrue(rowsA.get(0).contains("mlm_accuracy"), rowsA.get(0));
        for (int i = 1; i < rowsA.size(); i++) {
            assertEquals(rowsA.get(i).split(",")[4], rowsB.get(i).split(",")[4], "loss at row " + i);
        }
        assertTrue(a.lastMetrics().containsKey("mlm_accuracy"));
        assertTrue(Double.isFinite(a.lastMetrics().get("loss")));
    }
}
