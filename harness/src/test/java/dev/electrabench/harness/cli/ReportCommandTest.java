package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.leaderboard.MetricLine;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private static List<ResultRow> run(String runId, String model, double flopsPerFraction, double colaAtFull) {
        RunInfo run = new RunInfo(runId, "2025-02-01T00:00:00Z", "c0ffee", "", "nd4j-native", "cpu", "0.1.0");
        List<ResultRow> rows = new ArrayList<>();
        for (double fraction : new double[] {0.5, 1.0}) {
            CheckpointInfo c = new CheckpointInfo(model, model + ".yaml", 1_000_000, (long) (200 * fraction), flopsPerFraction * fraction, fraction, 10, 500);
            for (int seed = 1; seed <= 2; seed++) {
                rows.add(ResultRow.measured(run, c, "cola", "dev", seed, "mcc", colaAtFull * fraction + seed, 5));
                rows.add(ResultRow.measured(run, c, "sst2", "dev", seed, "accuracy", 70 + 10 * fraction + seed, 5));
            }
        }
        return rows;
    }

    @Test
    void mergesTwoRunDirectoriesIntoEveryReportFile() throws Exception {
        Path runA = dir.resolve("electra");
        Path runB = dir.resolve("bert");
        List<ResultRow> a = run("run-a", "ELECTRA-Tiny", 2e12, 20);
        List<ResultRow> b = run("run-b", "BERT-Tiny", 1.5e12, 10);
        SummaryCsv.write(runA.resolve("summary.csv"), a);
        SummaryCsv.write(runB.resolve("summary.csv"), b);
        Path out = dir.resolve("report");

        Cli cli = Cli.run("report", runA.toString(), runB.toString(), runA.toString(), "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());

        List<ResultRow> merged = new ArrayList<>(a);
        merged.addAll(b);
        assertEquals(merged, SummaryCsv.read(out.resolve("summary.csv")), "both runs, the repeated directory counted once");

        List<MetricLine> lines = LeaderboardCsv.read(out.resolve("leaderboard.csv"));
        // ELECTRA-Tiny at 1.0: CoLA seeds {21, 22} median 21.5, SST-2 {81, 82} median 81.5, GLUE (21.5+81.5)/2 = 51.5
        MetricLine glue = lines.stream().filter(l -> l.model().equals("ELECTRA-Tiny") && l.checkpointFraction() == 1.0 && l.isGlueScore())
                .findFirst().orElseThrow();
        assertEquals(51.5, glue.stats().median(), 1e-12);
        assertTrue(lines.stream().anyMatch(l -> l.model().equals("BERT-Tiny")));
        assertTrue(lines.stream().anyMatch(l -> l.reference() && l.model().equals("ELECTRA-Small++ (published)")));

        String md = Files.readString(out.resolve("leaderboard.md"));
        assertTrue(md.contains("| ELECTRA-Tiny | 1 | 2.00e+12 | 51.50 |"), md);
        assertTrue(md.contains("| BERT-Tiny | 1 |"), md);
        // the two runs pair at each fraction: ELECTRA-Tiny (met first) against BERT-Tiny
        assertTrue(md.contains("## Paired comparisons") && md.contains("| ELECTRA-Tiny | BERT-Tiny | 1 | GLUE score |"), md);
        assertTrue(Files.size(out.resolve("report.html")) > 1000 && Files.size(out.resolve("comparisons.csv")) > 0);
        assertTrue(md.contains("absent"), md);
        for (String f : List.of("efficiency.svg", "efficiency.png", "efficiency-cola.svg", "efficiency-sst2.png")) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", xml.newDocumentBuilder().parse(out.resolve("efficiency.svg").toFile()).getDocumentElement().getNodeName());
    }

    @Test
    void noReferencesAndMissingSummary() throws Exception {
        Path runA = dir.resolve("a");
        SummaryCsv.write(runA.resolve("summary.csv"), run("run-a", "ELECTRA-Tiny", 2e12, 20));
        Path out = dir.resolve("out");
        assertEquals(0, Cli.run("report", runA.toString(), "--out", out.toString(), "--no-references").exit());
        assertTrue(LeaderboardCsv.read(out.resolve("leaderboard.csv")).stream().noneMatch(MetricLine::reference));

        Cli missing = Cli.run("report", runA.toString(), dir.resolve("empty").toString(), "--out", out.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no summary.csv"), missing.err());
    }
}
