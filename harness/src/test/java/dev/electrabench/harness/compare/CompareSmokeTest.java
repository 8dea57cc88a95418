package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.ElectraBench;
import dev.electrabench.harness.browser.HeadlessChromium;
import dev.electrabench.harness.browser.ReportPage;
import dev.electrabench.results.paired.ComparisonsCsv;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke comparison: configs/compare-smoke.yaml is run, killed after a few fine-tuning runs,
 * resumed, and its summary is checked against the committed baseline with the regression gate (values and
 * paired differences), so a model-quality regression fails the build; its report.html is then loaded in
 * headless Chromium.
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
        for (String f : List.of("leaderboard.csv", "leaderboard.md", "comparisons.csv", "results.json", "report.html",
                "efficiency-conll2003.svg", "efficiency-conll2003.png", "finetune-conll2003.png", "pretrain-loss-flops.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("efficiency.png")), "no GLUE task measured: no GLUE plot");
        String md = Files.readString(out.resolve("leaderboard.md"));
        assertTrue(md.contains("## Paired comparisons") && md.contains("| electra | bert | 1 | CoNLL-2003 F1 | 3 |"), md);
        assertEquals(3, ComparisonsCsv.read(out.resolve("comparisons.csv")).size(), "electra−bert, electra−none, bert−none");
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

        reportHtmlInARealBrowser(out);
    }

    /**
     * report.html in headless Chromium: no console error, every plot written is on the page and decodes,
     * every section is there. The full-page screenshot is kept as target/report-screenshot.png.
     */
    static void reportHtmlInARealBrowser(Path out) throws Exception {
        List<String> written;
        try (Stream<Path> s = Files.list(out)) {
            written = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
        assertTrue(written.containsAll(List.of("efficiency-conll2003", "finetune-conll2003", "pretrain-loss-steps", "pretrain-loss-flops",
                "pretrain-masked-accuracy-flops", "pretrain-disc-auc-flops", "pretrain-disc-accuracy-flops", "pretrain-repr-spread-flops")),
                written.toString());
        ReportPage page;
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            page = ReportPage.load(chromium, out.resolve("report.html"));
        }
        Files.write(Path.of(System.getProperty("user.dir"), "target", "report-screenshot.png"), page.screenshotPng());
        assertEquals(List.of(), page.errors(), "console errors in report.html");
        assertEquals(written, page.plots().stream().map(ReportPage.Plot::name).sorted().toList(), "every plot on the page");
        for (ReportPage.Plot p : page.plots()) {
            assertTrue(p.decoded() && p.width() == 900 && p.height() == 540, p.toString());
        }
        assertEquals(List.of("provenance", "leaderboard", "comparisons", "published", "plots", "config", "files"), page.sections());
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshotPng()));
        assertTrue(shot.getHeight() > 540 * written.size(), "the screenshot shows the whole page: " + shot.getHeight() + " px");
    }
}
