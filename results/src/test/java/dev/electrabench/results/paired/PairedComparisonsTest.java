package dev.electrabench.results.paired;

import static dev.electrabench.results.support.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedComparisonsTest {
    static final Path BASELINE = Path.of(System.getProperty("user.dir")).resolve("baselines/compare-smoke/summary.csv");

    @TempDir
    Path dir;

    @Test
    void tIntervalMatchesTheTable() {
        // {1, 2, 3}: mean 2, sd 1; t(0.975, 2) = 4.302653 (any t table), half width 4.302653 / sqrt(3) = 2.484138
        MeanInterval ci = MeanInterval.of(new double[] {1, 2, 3});
        assertEquals(2, ci.mean(), 1e-12);
        assertEquals(1, ci.sd(), 1e-12);
        assertEquals(2 - 2.484138, ci.low(), 1e-6);
        assertEquals(2 + 2.484138, ci.high(), 1e-6);
        assertEquals(PairVerdict.WITHIN_NOISE, ci.verdict(true));
        // ten values 0.5, 1.5, ..., 9.5 shifted by +1: mean 6, sd sqrt(55/6) = 3.027650; t(0.975, 9) = 2.262157
        double[] ten = new double[10];
        for (int i = 0; i < 10; i++) {
            ten[i] = i + 1.5;
        }
        MeanInterval c10 = MeanInterval.of(ten);
        assertEquals(6 - 2.262157 * 3.027650 / Math.sqrt(10), c10.low(), 1e-5);
        assertEquals(PairVerdict.BETTER, c10.verdict(true));
        assertEquals(PairVerdict.WORSE, c10.verdict(false), "a lower-is-better metric that went up got worse");
        assertEquals(PairVerdict.WORSE, MeanInterval.of(new double[] {-3, -4, -5}).verdict(true));
        assertEquals(PairVerdict.TOO_FEW_SEEDS, MeanInterval.of(new double[] {5}).verdict(true));
    }

    @Test
    void smokeBaselineIsWithinNoise() {
        List<PairedDifference> diffs = PairedComparisons.of(SummaryCsv.read(BASELINE));
        // CoNLL F1 is the only paper/leaderboard metric; pairs: electra−bert at fraction 1, both against the control
        assertEquals(List.of("electra-bert", "electra-none", "bert-none"),
                diffs.stream().map(d -> d.modelA() + "-" + d.modelB()).toList());
        assertTrue(diffs.stream().allMatch(d -> d.task().equals("conll2003") && d.metric().equals("f1") && d.seeds() == 3));
        PairedDifference eb = diffs.get(0);
        // summary.csv, f1 lines per seed: electra 19.215155615696887, 19.224806201550386, 18.15823605706874;
        // bert 18.691588785046726, 20.259128386336865, 17.704918032786885
        double[] d = {19.215155615696887 - 18.691588785046726, 19.224806201550386 - 20.259128386336865, 18.15823605706874 - 17.704918032786885};
        assertEquals(d[0], eb.pairs().get(0).difference(), 1e-12);
        assertEquals(d[1], eb.pairs().get(1).difference(), 1e-12);
        assertEquals((d[0] + d[1] + d[2]) / 3, eb.meanDifference(), 1e-12);
        double mean = (d[0] + d[1] + d[2]) / 3;
        double sd = Math.sqrt(((d[0] - mean) * (d[0] - mean) + (d[1] - mean) * (d[1] - mean) + (d[2] - mean) * (d[2] - mean)) / 2);
        assertEquals(mean + 4.302653 * sd / Math.sqrt(3), eb.ciHigh(), 1e-5);
        assertTrue(diffs.stream().allMatch(x -> x.verdict() == PairVerdict.WITHIN_NOISE), "19.22 / 18.69 / 20.16 cannot be told apart");
        assertEquals(List.of("compare-3a72ab006e2b"), eb.runIds());
        assertEquals(List.of("9bdb14374fca8c9bb9cba4c7eb8a106a9e0a9413"), eb.gitCommits());
    }

    @Test
    void glueScoreIsPairedPerSeedOverCommonTasks() {
        List<ResultRow> rows = new ArrayList<>();
        double[][] a = {{50, 80}, {52, 84}, {48, 83}}; // per seed: CoLA, SST-2
        double[][] b = {{40, 79}, {45, 80}, {41, 82}};
        for (int s = 0; s < 3; s++) {
            rows.add(row("A", 1.0, 1e12, "cola", "mcc", s + 1, a[s][0]));
            rows.add(row("A", 1.0, 1e12, "sst2", "accuracy", s + 1, a[s][1]));
            rows.add(row("B", 1.0, 1e12, "cola", "mcc", s + 1, b[s][0]));
            rows.add(row("B", 1.0, 1e12, "sst2", "accuracy", s + 1, b[s][1]));
        }
        rows.add(row("A", 1.0, 1e12, "rte", "accuracy", 1, 60)); // B has no RTE: not in the pair's GLUE score
        rows.add(row("B", 0.5, 5e11, "cola", "mcc", 1, 30));     // another fraction: no pair with A at 1
        List<PairedDifference> diffs = PairedComparisons.of(rows);
        PairedDifference glue = diffs.stream().filter(PairedDifference::isGlueScore).findFirst().orElseThrow();
        // per-seed GLUE A − B: (130 − 119)/2 = 5.5, (136 − 125)/2 = 5.5, (131 − 123)/2 = 4
        assertEquals(5.5, glue.pairs().get(0).difference(), 1e-12);
        assertEquals(4, glue.pairs().get(2).difference(), 1e-12);
        assertEquals(5, glue.meanDifference(), 1e-12);
        assertEquals(PairVerdict.BETTER, glue.verdict()); // sd 0.866, half width 2.15: [2.85, 7.15]
        assertEquals(List.of("glue/score", "cola/mcc", "sst2/accuracy"),
                diffs.stream().map(d -> d.task() + "/" + d.metric()).toList());
    }

    @Test
    void csvRoundTripsAndNamesTheLineOfABadCell() throws Exception {
        List<PairedDifference> diffs = PairedComparisons.of(SummaryCsv.read(BASELINE));
        Path csv = dir.resolve("comparisons.csv");
        ComparisonsCsv.write(csv, diffs);
        List<ComparisonsCsv.Line> read = ComparisonsCsv.read(csv);
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++) {
            for (int s = 0; s < 3; s++) {
                assertEquals(diffs.get(i).pairs().get(s).difference(), read.get(i).differences()[s], 0.0);
            }
            assertEquals(diffs.get(i).verdict(), read.get(i).verdict());
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        assertTrue(lines.get(0).startsWith("schema_version,model_a,model_b,"));
        lines.set(2, lines.get(2).replace(",3,", ",4,"));
        Files.write(csv, lines);
        UserException e = assertThrows(UserException.class, () -> ComparisonsCsv.read(csv));
        assertTrue(e.getMessage().startsWith(csv + ":3: column 'seeds': 4 seeds, but seed_differences holds 3"), e.getMessage());
    }
}
