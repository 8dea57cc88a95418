package dev.electrabench.results.gate;

import static dev.electrabench.results.support.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionGateTest {
    @TempDir
    Path dir;

    /** CoLA MCC over seeds {a, b, c} and RTE accuracy {r} for model M at fraction 1. */
    private Path summary(String name, double a, double b, double c, double r) {
        List<ResultRow> rows = List.of(
                row("M", 1.0, 1e12, "cola", "mcc", 1, a),
                row("M", 1.0, 1e12, "cola", "mcc", 2, b),
                row("M", 1.0, 1e12, "cola", "mcc", 3, c),
                row("M", 1.0, 1e12, "rte", "accuracy", 1, r));
        Path file = dir.resolve(name);
        SummaryCsv.write(file, rows);
        return file;
    }

    private static MetricCheck find(GateReport report, String task, String metric) {
        return report.checks().stream()
                .filter(c -> c.key().task().equals(task) && c.key().metric().equals(metric))
                .findFirst().orElseThrow();
    }

    @Test
    void absoluteToleranceOkImprovedRegressed() {
        Path base = summary("base.csv", 40, 50, 45, 60);   // CoLA median 45, RTE 60, GLUE (45+60)/2 = 52.5
        Path cur = summary("cur.csv", 44, 46, 44.5, 58.5); // CoLA median 44.5 (-0.5), RTE 58.5 (-1.5), GLUE 51.5 (-1)
        GateReport report = new RegressionGate(Tolerance.absolute(1.0)).compare(base, cur);
        assertEquals(Verdict.OK, find(report, "cola", "mcc").verdict());
        assertEquals(-0.5, find(report, "cola", "mcc").delta(), 1e-12);
        assertEquals(Verdict.REGRESSED, find(report, "rte", "accuracy").verdict());
        assertEquals(Verdict.OK, find(report, "glue", "score").verdict()); // -1.0 is not beyond 1.0
        assertFalse(report.passed());
        assertTrue(report.table().contains("REGRESSED"), report.table());
        assertTrue(report.statusLine().startsWith("status: REGRESSED"), report.statusLine());

        GateReport better = new RegressionGate(Tolerance.absolute(1.0)).compare(cur, base);
        assertEquals(Verdict.IMPROVED, find(better, "rte", "accuracy").verdict());
        assertTrue(better.passed());
    }

    @Test
    void onlyTheChosenMetricsAreGated() {
        Path base = summary("base.csv", 40, 50, 45, 60);
        Path cur = summary("cur.csv", 44, 46, 44.5, 50); // RTE accuracy -10: a regression unless excluded
        assertFalse(new RegressionGate(Tolerance.absolute(1.0), Set.of("mcc", "accuracy")).compare(base, cur).passed());
        GateReport mccOnly = new RegressionGate(Tolerance.absolute(1.0), Set.of("mcc")).compare(base, cur);
        assertTrue(mccOnly.passed(), mccOnly.table());
        assertEquals(List.of("mcc"), mccOnly.checks().stream().map(c -> c.key().metric()).distinct().toList());
        assertThrows(UserException.class, () -> new RegressionGate(Tolerance.absolute(1.0), Set.of("f1")).compare(base, cur));
    }

    @Test
    void sdToleranceUsesBaselineSpreadAndFallsBackForOneSeed() {
        // baseline CoLA {40, 50, 45}: median 45, sd 5; K = 0.5 allows a drop of 2.5
        Path base = summary("base.csv", 40, 50, 45, 60);
        Path cur = summary("cur.csv", 42, 43, 42.5, 59); // CoLA median 42.5: drop 2.5, allowed; RTE one seed: drop 1
        Tolerance tolerance = Tolerance.sdMultiple(0.5, 0.5);
        GateReport report = new RegressionGate(tolerance).compare(base, cur);
        assertEquals(2.5, find(report, "cola", "mcc").allowed(), 1e-12);
        assertEquals(Verdict.OK, find(report, "cola", "mcc").verdict());
        assertEquals(0.5, find(report, "rte", "accuracy").allowed(), 1e-12); // fallback to absolute
        assertEquals(Verdict.REGRESSED, find(report, "rte", "accuracy").verdict());

        Path worse = summary("worse.csv", 42, 42.4, 42.4, 60); // CoLA median 42.4: drop 2.6 > 2.5
        assertEquals(Verdict.REGRESSED, find(new RegressionGate(tolerance).compare(base, worse), "cola", "mcc").verdict());
    }

    @Test
    void leaderboardAndSummaryInputsGiveTheSameVerdicts() {
        Path base = summary("base.csv", 40, 50, 45, 60);
        Path cur = summary("cur.csv", 44, 46, 44.5, 58.5);
        Path baseLeaderboard = dir.resolve("leaderboard.csv");
        List<ResultRow> withReferences = new ArrayList<>(SummaryCsv.read(base));
        withReferences.addAll(PublishedResults.all()); // references are not gated
        LeaderboardCsv.write(baseLeaderboard, Leaderboard.of(withReferences));
        RegressionGate gate = new RegressionGate(Tolerance.sdMultiple(1, 1));
        assertEquals(gate.compare(base, cur), gate.compare(baseLeaderboard, cur));
    }

    @Test
    void metricMissingInCurrentFailsAndNewOneIsListed() {
        Path base = summary("base.csv", 40, 50, 45, 60);
        Path cur = dir.resolve("cur.csv");
        SummaryCsv.write(cur, List.of(row("M", 1.0, 1e12, "cola", "mcc", 1, 45), row("M", 1.0, 1e12, "sst2", "accuracy", 1, 80)));
        GateReport report = new RegressionGate(Tolerance.absolute(1)).compare(base, cur);
        assertEquals(Verdict.MISSING_IN_CURRENT, find(report, "rte", "accuracy").verdict());
        assertEquals(Verdict.NEW_IN_CURRENT, find(report, "sst2", "accuracy").verdict());
        assertFalse(report.passed());
    }

    @Test
    void glueScoresOverDifferentTaskSetsAreNotCompared() {
        Path base = summary("base.csv", 40, 50, 45, 60); // GLUE over cola + rte
        Path cur = dir.resolve("cur.csv");
        SummaryCsv.write(cur, List.of(row("M", 1.0, 1e12, "cola", "mcc", 1, 45))); // GLUE over cola only
        GateReport report = new RegressionGate(Tolerance.absolute(1)).compare(base, cur);
        assertTrue(report.checks().stream().noneMatch(c -> c.key().task().equals("glue")), report.table());
        assertEquals(Verdict.OK, find(report, "cola", "mcc").verdict());
    }

    @Test
    void lowerIsBetterMetricsRegressUpwards() {
        Path base = dir.resolve("b.csv");
        Path cur = dir.resolve("c.csv");
        SummaryCsv.write(base, List.of(row("M", 1.0, 1e12, "stsb", "mse", 1, 50)));
        SummaryCsv.write(cur, List.of(row("M", 1.0, 1e12, "stsb", "mse", 1, 55)));
        assertEquals(Verdict.REGRESSED, find(new RegressionGate(Tolerance.absolute(1)).compare(base, cur), "stsb", "mse").verdict());
    }

    @Test
    void badInputIsAUserErrorNotAVerdict() throws Exception {
        Path base = summary("base.csv", 40, 50, 45, 60);
        RegressionGate gate = new RegressionGate(Tolerance.absolute(1));

        Path other = dir.resolve("other.csv");
        SummaryCsv.write(other, List.of(row("Other", 1.0, 1e12, "cola", "mcc", 1, 45)));
        assertTrue(assertThrows(UserException.class, () -> gate.compare(base, other)).getMessage().contains("no metric in common"));

        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file", assertThrows(UserException.class, () -> gate.compare(base, missing)).getMessage());

        Path junk = dir.resolve("junk.csv");
        Files.writeString(junk, "a,b\n1,2\n");
        assertTrue(assertThrows(UserException.class, () -> gate.compare(base, junk)).getMessage().contains("neither a summary.csv"));

        Path future = dir.resolve("future.csv");
        int v = SummaryCsv.SCHEMA_VERSION;
        Files.writeString(future, Files.readString(base).replace("\n" + v + ",", "\n" + (v + 1) + ","));
        assertTrue(assertThrows(UserException.class, () -> gate.compare(base, future)).getMessage()
                .contains("schema_version is " + (v + 1)));
    }

    /** E and B on CoNLL F1 with seeds 1–3; the gate on their paired difference. */
    private Path pair(String name, double[] e, double[] b) {
        List<ResultRow> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(row("E", 1.0, 1e11, "conll2003", "f1", s + 1, e[s]));
            rows.add(row("B", 1.0, 1e11, "conll2003", "f1", s + 1, b[s]));
        }
        Path file = dir.resolve(name);
        SummaryCsv.write(file, rows);
        return file;
    }

    @Test
    void gatesThePairedDifferenceNotOnlyTheValues() throws Exception {
        Path base = pair("base.csv", new double[] {20, 21, 22}, new double[] {18, 19, 20}); // E − B = 2, 2, 2
        // both models within 1.5 of their baseline medians (E 21 -> 19.6, B 19 -> 20.4), but E − B drops
        // from median 2 to median -0.8 (per seed -1, -0.8, -0.6): E's advantage is gone
        Path cur = pair("cur.csv", new double[] {19.4, 19.6, 19.8}, new double[] {20.4, 20.4, 20.4});
        GateReport report = new RegressionGate(Tolerance.absolute(1.5)).compare(base, cur);
        MetricCheck diff = report.checks().stream().filter(c -> c.key().isDifference()).findFirst().orElseThrow();
        assertEquals("E vs B", diff.key().model());
        assertEquals(-2.8, diff.delta(), 1e-9);
        assertEquals(Verdict.REGRESSED, diff.verdict());
        assertTrue(report.checks().stream().filter(c -> !c.key().isDifference()).allMatch(c -> c.verdict() == Verdict.OK),
                report.table());
        assertFalse(report.passed());

        // the same from comparisons.csv files; a leaderboard.csv (no seeds) against a summary gates values only
        Path baseCmp = dir.resolve("base-comparisons.csv");
        Path curCmp = dir.resolve("cur-comparisons.csv");
        dev.electrabench.results.paired.ComparisonsCsv.write(baseCmp, dev.electrabench.results.paired.PairedComparisons.of(SummaryCsv.read(base)));
        dev.electrabench.results.paired.ComparisonsCsv.write(curCmp, dev.electrabench.results.paired.PairedComparisons.of(SummaryCsv.read(cur)));
        GateReport fromCsv = new RegressionGate(Tolerance.absolute(1.5)).compare(baseCmp, curCmp);
        assertEquals(1, fromCsv.checks().size());
        assertEquals(Verdict.REGRESSED, fromCsv.checks().get(0).verdict());
        Path lb = dir.resolve("leaderboard.csv");
        LeaderboardCsv.write(lb, Leaderboard.of(SummaryCsv.read(base)));
        assertTrue(new RegressionGate(Tolerance.absolute(1.5)).compare(lb, cur).checks().stream().noneMatch(c -> c.key().isDifference()));
    }
}
