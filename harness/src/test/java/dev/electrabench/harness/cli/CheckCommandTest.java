package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    private static final RunInfo RUN = new RunInfo("r", "2025-02-01T00:00:00Z", "c0ffee", "", "nd4j-native", "cpu", "0.1.0");
    private static final CheckpointInfo TINY = new CheckpointInfo("ELECTRA-Tiny", "tiny.yaml", 1_000_000, 100, 1e12, 1.0, 10, 500);

    /** CoLA MCC and RTE accuracy over seeds 1..3. */
    private Path summary(String name, double[] cola, double[] rte) {
        List<ResultRow> rows = new ArrayList<>();
        for (int s = 0; s < cola.length; s++) {
            rows.add(ResultRow.measured(RUN, TINY, "cola", "dev", s + 1, "mcc", cola[s], 5));
            rows.add(ResultRow.measured(RUN, TINY, "rte", "dev", s + 1, "accuracy", rte[s], 5));
        }
        Path file = dir.resolve(name);
        SummaryCsv.write(file, rows);
        return file;
    }

    @Test
    void improvedExitsZeroRegressedExitsOne() {
        Path base = summary("base.csv", new double[] {20, 22, 24}, new double[] {55, 56, 57}); // medians 22, 56
        Path better = summary("better.csv", new double[] {25, 26, 27}, new double[] {56, 57, 58}); // 26 (+4), 57 (+1)
        Path worse = summary("worse.csv", new double[] {18, 19, 20}, new double[] {56, 56, 56}); // 19 (-3), 56 (0)

        Cli ok = Cli.run("check", "--baseline", base.toString(), "--current", better.toString(), "--tolerance-abs", "0.5");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("improved"), ok.out());
        assertTrue(ok.out().contains("status: OK"), ok.out());

        Cli bad = Cli.run("check", "--baseline", base.toString(), "--current", worse.toString(), "--tolerance-abs", "0.5");
        assertEquals(1, bad.exit(), bad.out());
        assertTrue(bad.out().lines().anyMatch(l -> l.contains("cola") && l.contains("-3.00") && l.endsWith("REGRESSED")), bad.out());

        // baseline CoLA sd = 2 (values 20, 22, 24): K = 2 allows a drop of 4, so -3 passes
        Cli sd = Cli.run("check", "--baseline", base.toString(), "--current", worse.toString(), "--tolerance-sd", "2");
        assertEquals(0, sd.exit(), sd.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path base = summary("base.csv", new double[] {20, 22, 24}, new double[] {55, 56, 57});

        Path noColumn = dir.resolve("nocolumn.csv");
        Files.writeString(noColumn, Files.readString(base).replaceFirst(",metric,", ",measure,"));
        assertUsageError(Cli.run("check", "--baseline", base.toString(), "--current", noColumn.toString()), "missing column 'metric'");

        Path missing = dir.resolve("absent.csv");
        assertUsageError(Cli.run("check", "--baseline", missing.toString(), "--current", base.toString()), "no such file");

        Path v2 = dir.resolve("v2.csv");
        int v = SummaryCsv.SCHEMA_VERSION;
        Files.writeString(v2, Files.readString(base).replace("\n" + v + ",", "\n" + (v + 1) + ","));
        assertUsageError(Cli.run("check", "--baseline", base.toString(), "--current", v2.toString()),
                "schema_version is " + (v + 1));

        Path other = dir.resolve("other.csv");
        SummaryCsv.write(other, List.of(ResultRow.measured(RUN, TINY, "sst2", "dev", 1, "accuracy", 80, 5)));
        assertUsageError(Cli.run("check", "--baseline", base.toString(), "--current", other.toString()), "no metric in common");
    }

    private static void assertUsageError(Cli cli, String expected) {
        assertEquals(2, cli.exit(), cli.out() + cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().startsWith("electra-bench: error: ") && cli.err().contains(expected), cli.err());
    }
}
