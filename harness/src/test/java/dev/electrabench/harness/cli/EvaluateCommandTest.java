package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.harness.ElectraBench;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on an HF checkpoint: rows per seed with provenance, leaderboard with published references. */
class EvaluateCommandTest {
    static final Path SMOKE = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml");

    @Test
    void evaluatesACheckpointWithSeedsAndReferences(@TempDir Path tmp) throws Exception {
        RunConfig cfg = RunConfig.load(SMOKE);
        TransformerConfig c = TransformerConfig.of(cfg.model(), Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        Path model = tmp.resolve("my-electra");
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, 1), model);
        Path out = tmp.resolve("eval");
        StringWriter err = new StringWriter();
        int code = ElectraBench.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("evaluate", "--model", model.toString(), "--tasks", "rte", "--seeds", "3,5",
                        "--config", SMOKE.toString(), "--out", out.toString(), "--limit", "20");
        assertEquals(0, code, err.toString());
        List<ResultRow> rows = SummaryCsv.read(out.resolve("summary.csv"));
        assertEquals(2, rows.stream().filter(r -> r.metric().equals("accuracy")).count(), "one accuracy row per seed");
        assertEquals(List.of(3L, 5L), rows.stream().filter(r -> r.metric().equals("accuracy")).map(r -> r.seed().getAsLong()).sorted().toList());
        // --limit 20: the dev predictions (a header line and one line per example) cover 20 of RTE's 277 dev examples
        assertEquals(21, Files.readAllLines(out.resolve("rte/seed-3/dev_predictions.tsv")).size());
        assertTrue(rows.stream().allMatch(r -> r.model().equals("my-electra") && !r.run().gitCommit().isEmpty()));
        long params = TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, 1).parameters().count();
        assertTrue(rows.stream().allMatch(r -> r.checkpoint().params() == params && r.checkpoint().isPretrained()
                && Double.isNaN(r.checkpoint().pretrainFlops())), "an external checkpoint: real size, unknown FLOPs");
        assertTrue(Files.readString(out.resolve("summary.csv")).lines().skip(1).allMatch(l -> l.split(",")[9].isEmpty()),
                "pretrain_flops cell left empty");
        String md = Files.readString(out.resolve("leaderboard.md"));
        assertTrue(md.contains("ELECTRA-Small++ (published)") && md.contains("66.70"), "published RTE 66.7 shown beside the run");
        assertTrue(Files.size(out.resolve("efficiency.svg")) > 0);
    }

    @Test
    void badModelFolderIsOneLineExit2(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int code = ElectraBench.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("evaluate", "--model", tmp.resolve("nope").toString(), "--tasks", "rte", "--out", tmp.resolve("o").toString());
        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
