package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.results.leaderboard.LeaderboardCsv;
import dev.electrabench.results.leaderboard.MetricLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference comparisons ({@code results/reference/<name>/}, each a finished {@code compare} run
 * without its checkpoints) are what today's report code makes of their own summary.csv and pre-training
 * curves, and each shows ELECTRA, BERT and no pre-training with seed spreads at more than one budget point.
 */
class ReferenceResultTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final Path REFERENCE = ROOT.resolve("results/reference");

    @TempDir
    Path dir;

    static List<Path> references() throws Exception {
        try (Stream<Path> s = Files.list(REFERENCE)) {
            List<Path> runs = s.filter(p -> Files.isRegularFile(p.resolve("summary.csv"))).sorted().toList();
            assertFalse(runs.isEmpty(), "no reference run under " + REFERENCE);
            return runs;
        }
    }

    @Test
    void everyReferenceRebuildsToTheReportItShips() throws Exception {
        for (Path run : references()) {
            Path out = dir.resolve(run.getFileName().toString());
            Cli cli = Cli.run("report", run.toString(), "--out", out.toString());
            assertEquals(0, cli.exit(), cli.err());
            for (String file : List.of("leaderboard.md", "leaderboard.csv", "comparisons.csv")) {
                assertEquals(Files.readString(run.resolve(file)), Files.readString(out.resolve(file)),
                        run + "/" + file + " is not what `report` makes of its summary.csv: regenerate it");
            }
            assertTrue(Files.size(run.resolve("report.html")) > 10_000, run + "/report.html");
        }
    }

    @Test
    void everyReferenceComparesAllThreeModelsWithSeedSpreadsAtSeveralBudgets() throws Exception {
        for (Path run : references()) {
            List<MetricLine> lines = LeaderboardCsv.read(run.resolve("leaderboard.csv")).stream()
                    .filter(l -> !l.reference()).toList();
            Set<String> models = lines.stream().map(MetricLine::model).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(3, models.size(), run + ": " + models);
            for (String model : models) {
                List<MetricLine> glue = lines.stream().filter(l -> l.model().equals(model) && l.isGlueScore()).toList();
                long budgets = glue.stream().filter(l -> l.pretrainFlops() > 0).map(MetricLine::checkpointFraction)
                        .distinct().count();
                boolean noPretraining = glue.stream().allMatch(l -> l.pretrainFlops() == 0);
                assertTrue(noPretraining || budgets >= 2, run + ": " + model + " at " + budgets + " budget points");
                for (MetricLine l : glue) {
                    assertTrue(l.stats().seeds() >= 3 && Double.isFinite(l.stats().sd()), run + ": " + l);
                }
            }
        }
    }
}
