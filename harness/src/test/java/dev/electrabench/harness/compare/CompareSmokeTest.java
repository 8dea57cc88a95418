package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.ElectraBench;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke comparison: configs/compare-smoke.yaml is run, killed after a few fine-tuning runs,
 * resumed, and its summary is checked against the committed baseline with the regression gate, so a
 * model-quality regression fails the build.
 */
class CompareSmokeTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final Path CONFIG = ROOT.resolve("configs/compare-smoke.yaml");
    static final Path BASELINE = ROOT.resolve("results/baselines/compare-smoke/summary.csv");

    /** Stands in for a kill: the real fine-tuning, until the k-th call, which throws. */
    static final class KilledAfter implements FineTuning {
        final AtomicInteger calls = new AtomicInteger();
        final int killAt;

        KilledAfter(int killAt) {
            this.killAt = killAt;
        }

        @Override
        public Result run(Path modelDir, String task, dev.electrabench.core.config.RunConfig cfg, long seed, Path out, Path data) {
            if (calls.incrementAndGet() == killAt) {
                throw new IllegalStateException("simulated kill");
            }
            return new TaskFineTuning(false, CompareConfig.load(CONFIG).maxEvalExamples()).run(modelDir, task, cfg, seed, out, data);
        }
    }

    @Test
    void killResumeAndGateAgainstBaseline(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("compare");
        CompareConfig cc = CompareConfig.load(CONFIG);
        KilledAfter first = new KilledAfter(4);
        assertThrows(IllegalStateException.class,
                () -> new EfficiencyComparison(cc, CONFIG, out, DataDir.resolve(), first, null).run());
        Path electraDone = out.resolve("pretrain-electra/done.json");
        assertTrue(Files.exists(electraDone), "pre-training finished before fine-tuning started");
        FileTime pretrainedAt = Files.getLastModifiedTime(out.resolve("pretrain-electra/final/discriminator/model.safetensors"));

        KilledAfter second = new KilledAfter(-1);
        List<ResultRow> rows = new EfficiencyComparison(cc, CONFIG, out, DataDir.resolve(), second, null).run();
        int total = 3 * cc.tasks().size() * cc.seeds().size(); // electra, bert, none at fraction 1
        assertEquals(total - 3, second.calls.get(), "the 3 finished fine-tuning runs were not redone");
        assertEquals(pretrainedAt, Files.getLastModifiedTime(out.resolve("pretrain-electra/final/discriminator/model.safetensors")),
                "pre-training was not redone");
        assertTrue(rows.stream().anyMatch(r -> r.model().equals("bert")));
        assertEquals(rows.size(), SummaryCsv.read(out.resolve("summary.csv")).size());
        for (String f : List.of("leaderboard.csv", "leaderboard.md", "efficiency.svg", "efficiency.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // BERT took more steps than ELECTRA for the same budget: step counts come from the FLOP accounting
        long electraSteps = rows.stream().filter(r -> r.model().equals("electra") && r.checkpointFraction() == 1.0)
                .mapToLong(r -> r.checkpoint().pretrainSteps()).max().orElseThrow();
        long bertSteps = rows.stream().filter(r -> r.model().equals("bert") && r.checkpointFraction() == 1.0)
                .mapToLong(r -> r.checkpoint().pretrainSteps()).max().orElseThrow();
        assertTrue(bertSteps > electraSteps, bertSteps + " vs " + electraSteps);

        // the quality gate CI runs: this run against the committed baseline
        StringWriter err = new StringWriter();
        int code = ElectraBench.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("check", "--baseline", BASELINE.toString(), "--current", out.resolve("summary.csv").toString(),
                        "--tolerance-abs", "5", "--metrics", "f1,accuracy"); // per-entity-type breakdowns are too noisy
        assertEquals(0, code, "regression against " + BASELINE + ": " + err);
    }
}
