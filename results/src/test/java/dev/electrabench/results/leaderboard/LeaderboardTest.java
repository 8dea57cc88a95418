package dev.electrabench.results.leaderboard;

import static dev.electrabench.results.support.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.report.LeaderboardMarkdown;
import dev.electrabench.results.summary.ResultRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardTest {
    @TempDir
    Path dir;

    /** Model A: CoLA over 3 seeds, SST-2 over 4 seeds, plus WNLI and MRPC F1, which must not enter the GLUE score. */
    private static List<ResultRow> modelA() {
        List<ResultRow> rows = new ArrayList<>();
        double[] cola = {40, 50, 45};
        for (int s = 0; s < cola.length; s++) {
            rows.add(row("A", 1.0, 2e12, "cola", "mcc", s + 1, cola[s]));
        }
        double[] sst = {80, 90, 84, 86};
        for (int s = 0; s < sst.length; s++) {
            rows.add(row("A", 1.0, 2e12, "sst2", "accuracy", s + 1, sst[s]));
        }
        rows.add(row("A", 1.0, 2e12, "wnli", "accuracy", 1, 100));
        rows.add(row("A", 1.0, 2e12, "mrpc", "f1", 1, 99));
        return rows;
    }

    @Test
    void mediansAndSpreadOddAndEvenSeedCounts() {
        LeaderboardEntry a = Leaderboard.of(modelA()).entries().get(0);
        // CoLA {40, 50, 45}: median 45; mean 45, squares 25+25+0 = 50, sd = sqrt(50/2) = 5
        SeedStats cola = a.stats("cola", "mcc").orElseThrow();
        assertEquals(new SeedStats(3, 45, 5, 40, 50), cola);
        // SST-2 {80, 90, 84, 86}: sorted 80 84 86 90, median (84+86)/2 = 85; mean 85,
        // squares 25+1+1+25 = 52, sd = sqrt(52/3)
        SeedStats sst = a.stats("sst2", "accuracy").orElseThrow();
        assertEquals(4, sst.seeds());
        assertEquals(85, sst.median(), 1e-12);
        assertEquals(Math.sqrt(52.0 / 3), sst.sd(), 1e-12);
        assertEquals(80, sst.min());
        assertEquals(90, sst.max());
        assertEquals(Double.NaN, a.stats("wnli", "accuracy").orElseThrow().sd(), "one seed has no sample SD");
    }

    @Test
    void glueScoreIsTheMeanOfPaperMetricMediansOverTasksPresent() {
        LeaderboardEntry a = Leaderboard.of(modelA()).entries().get(0);
        // (CoLA 45 + SST-2 85) / 2 = 65; WNLI (100) and MRPC F1 (99, leaderboard convention) not counted
        assertEquals(65, a.glueScore(), 1e-12);
        assertEquals(List.of("mrpc", "stsb", "qqp", "mnli-m", "qnli", "rte"), a.absentGlueTasks());
        // per-seed GLUE over the seeds in both tasks (1, 2, 3): (40+80)/2 = 60, (50+90)/2 = 70, (45+84)/2 = 64.5;
        // mean 64.8333, squares 23.3611+26.6944+0.1111 = 50.1667, sd = sqrt(50.1667/2) = 5.00833
        SeedStats spread = a.glueSpread();
        assertEquals(3, spread.seeds());
        assertEquals(60, spread.min());
        assertEquals(70, spread.max());
        assertEquals(5.00833, spread.sd(), 1e-5);
    }

    @Test
    void sortedByGlueScoreThenModelWithReferencesMarked() {
        List<ResultRow> rows = new ArrayList<>(modelA());               // GLUE 65
        rows.add(row("C", 1.0, 2e12, "cola", "mcc", 1, 65));            // GLUE 65, sorts after A by name
        rows.add(row("B", 0.5, 1e12, "cola", "mcc", 1, 70));            // GLUE 70
        rows.add(row("D", 1.0, 2e12, "squad1.1", "f1", 1, 50));         // no GLUE task: last
        rows.addAll(PublishedResults.electraSmallOwt());                // GLUE 80.3625
        Leaderboard lb = Leaderboard.of(rows);
        assertEquals(List.of("ELECTRA-Small-OWT (published)", "B", "A", "C", "D"),
                lb.entries().stream().map(LeaderboardEntry::model).toList());
        assertTrue(lb.entries().get(0).reference());
        assertFalse(lb.entries().get(1).reference());
        assertTrue(Double.isNaN(lb.entries().get(4).glueScore()));
        assertEquals("GLUE score is the mean over the GLUE tasks present; absent: "
                + "sst2, mrpc, stsb, qqp, mnli-m, qnli, rte (B @ 0.5, C @ 1); "
                + "mrpc, stsb, qqp, mnli-m, qnli, rte (A @ 1); "
                + "cola, sst2, mrpc, stsb, qqp, mnli-m, qnli, rte (D @ 1).", lb.absentGlueTasksNote());
    }

    @Test
    void checkpointFractionsAreSeparateEntries() {
        List<ResultRow> rows = List.of(
                row("A", 0.5, 1e12, "rte", "accuracy", 1, 55),
                row("A", 1.0, 2e12, "rte", "accuracy", 1, 60),
                row("A", 1.0, 2e12, "rte", "accuracy", 2, 62));
        Leaderboard lb = Leaderboard.of(rows);
        assertEquals(2, lb.entries().size());
        assertEquals(61, lb.entries().get(0).glueScore(), 1e-12); // (60+62)/2, the higher score first
        assertEquals(1.0, lb.entries().get(0).checkpointFraction());
        assertEquals(55, lb.entries().get(1).glueScore(), 1e-12);
    }

    @Test
    void markdownHasTheTableTheNoteAndTheSpread() throws Exception {
        List<ResultRow> rows = new ArrayList<>(modelA());
        rows.addAll(PublishedResults.electraSmallPlusPlus());
        Leaderboard lb = Leaderboard.of(rows);
        Path md = dir.resolve("leaderboard.md");
        LeaderboardMarkdown.write(md, lb);
        String text = Files.readString(md);
        // measured columns only: A has CoLA, SST-2, WNLI and MRPC F1 (lb), not SQuAD, which only the reference has
        assertTrue(text.contains("| Model | Fraction | Pre-train FLOPs | GLUE | CoLA MCC | SST-2 acc | WNLI acc | MRPC F1 (lb) |\n"), text);
        assertTrue(text.contains("| A | 1 | 2.00e+12 | 65.00 | 45.00 | 85.00 | 100.00 | 99.00 |"), text);
        assertTrue(text.contains("absent: mrpc, stsb, qqp, mnli-m, qnli, rte (every measured entry)."), text);
        assertTrue(text.contains("| A | 1 | sd 5.01, 60.00–70.00, n=3 | sd 5.00, 40.00–50.00, n=3 |"), text);
        // published rows in a table of their own, after the measured ones, with their own columns
        int published = text.indexOf("## Published reference numbers");
        assertTrue(published > text.indexOf("## Seed spread"), text);
        assertTrue(text.indexOf("| ELECTRA-Small++ (published) | 3.30e+19 | 14.0M | 81.14 | 57.00 | 91.20 |") > published, text);
        assertTrue(text.substring(published).contains("SQuAD 1.1 EM"), text);
        assertFalse(text.substring(0, published).contains("SQuAD"), text);
    }

    @Test
    void noGlueColumnWithoutAMeasuredGlueTask() {
        List<ResultRow> rows = new ArrayList<>(List.of(row("E", 1.0, 1e11, "conll2003", "f1", 1, 19.2)));
        rows.addAll(PublishedResults.all());
        String text = LeaderboardMarkdown.render(Leaderboard.of(rows));
        assertTrue(text.contains("| Model | Fraction | Pre-train FLOPs | CoNLL-2003 F1 |\n"), text);
        assertFalse(text.contains("Note: GLUE score"), text);
    }

    @Test
    void leaderboardCsvRoundTrips() {
        List<ResultRow> rows = new ArrayList<>(modelA());
        rows.addAll(PublishedResults.electraSmallOwt());
        Leaderboard lb = Leaderboard.of(rows);
        Path csv = dir.resolve("leaderboard.csv");
        LeaderboardCsv.write(csv, lb);
        List<MetricLine> read = LeaderboardCsv.read(csv);
        assertEquals(lb.lines(), read);
        MetricLine glue = read.stream().filter(l -> l.model().equals("A") && l.isGlueScore()).findFirst().orElseThrow();
        assertEquals(65, glue.stats().median(), 1e-12);
    }
}
