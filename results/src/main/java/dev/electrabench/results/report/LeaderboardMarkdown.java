package dev.electrabench.results.report;

import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardEntry;
import dev.electrabench.results.leaderboard.LeaderboardFormat;
import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.TaskMetric;
import dev.electrabench.results.paired.MeanInterval;
import dev.electrabench.results.paired.PairedDifference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code leaderboard.md}: the measured entries (columns only for what they measured), the paired
 * comparisons with their verdicts, the seed spread, and the published reference numbers in a table of
 * their own, apart from the measurements.
 */
public final class LeaderboardMarkdown {
    public static final String FILE_NAME = "leaderboard.md";

    private LeaderboardMarkdown() {}

    public static void write(Path file, Leaderboard leaderboard, List<PairedDifference> comparisons) {
        AtomicFiles.writeString(file, render(leaderboard, comparisons));
    }

    public static void write(Path file, Leaderboard leaderboard) {
        write(file, leaderboard, List.of());
    }

    public static String render(Leaderboard leaderboard) {
        return render(leaderboard, List.of());
    }

    public static String render(Leaderboard leaderboard, List<PairedDifference> comparisons) {
        List<LeaderboardEntry> measured = leaderboard.entries().stream().filter(e -> !e.reference()).toList();
        List<LeaderboardEntry> published = leaderboard.entries().stream().filter(LeaderboardEntry::reference).toList();
        StringBuilder md = new StringBuilder();
        md.append("# electra-bench leaderboard\n\n");
        md.append("Medians over fine-tuning seeds; metric values x 100. GLUE = mean over the GLUE tasks present of the "
                + "ELECTRA-paper metric (CoLA MCC, STS-B Spearman, accuracy for SST-2, MRPC, QQP, MNLI-m, QNLI, RTE; "
                + "WNLI never counted). Columns marked (lb) follow the GLUE-leaderboard convention. Pre-training FLOPs "
                + "follow the ELECTRA paper convention.\n\n");

        if (measured.isEmpty()) {
            md.append("No measured entries.\n");
        } else {
            List<TaskMetric> columns = columns(measured);
            boolean glue = measured.stream().anyMatch(LeaderboardEntry::hasGlueScore);
            List<String> head = new ArrayList<>(List.of("Model", "Fraction", "Pre-train FLOPs"));
            if (glue) {
                head.add("GLUE");
            }
            columns.forEach(c -> head.add(header(c)));
            table(md, head, measured.stream().map(e -> {
                List<String> cells = new ArrayList<>(List.of(e.model(), LeaderboardFormat.fraction(e.checkpointFraction()),
                        LeaderboardFormat.flops(e.pretrainFlops())));
                if (glue) {
                    cells.add(LeaderboardFormat.value(e.glueScore()));
                }
                columns.forEach(c -> cells.add(e.stats(c.task(), c.metric()).map(s -> LeaderboardFormat.value(s.median())).orElse("–")));
                return cells;
            }).toList());
            String note = leaderboard.absentGlueTasksNote();
            if (glue && !note.isEmpty()) {
                md.append("\nNote: ").append(note).append('\n');
            }
        }

        if (!comparisons.isEmpty()) {
            md.append("\n## Paired comparisons\n\n").append(comparisonsIntro()).append("\n\n");
            table(md, List.of("A", "B", "Fraction", "Metric", "n", "Per-seed A − B", "Mean A − B", "95% interval", "Verdict"),
                    comparisons.stream().map(LeaderboardMarkdown::comparisonCells).toList());
        }

        if (!measured.isEmpty()) {
            List<TaskMetric> columns = columns(measured);
            boolean glue = measured.stream().anyMatch(LeaderboardEntry::hasGlueScore);
            md.append("\n## Seed spread\n\nSample standard deviation and min–max over seeds (n = seeds) of the measured entries."
                    + (glue ? " GLUE: spread of the per-seed GLUE score, over the seeds present in every counted task." : "") + "\n\n");
            List<String> head = new ArrayList<>(List.of("Model", "Fraction"));
            if (glue) {
                head.add("GLUE");
            }
            columns.forEach(c -> head.add(header(c)));
            table(md, head, measured.stream().map(e -> {
                List<String> cells = new ArrayList<>(List.of(e.model(), LeaderboardFormat.fraction(e.checkpointFraction())));
                if (glue) {
                    cells.add(LeaderboardFormat.spread(e.glueSpread()));
                }
                columns.forEach(c -> cells.add(e.stats(c.task(), c.metric()).map(LeaderboardFormat::spread).orElse("–")));
                return cells;
            }).toList());
        }

        if (!published.isEmpty()) {
            List<TaskMetric> columns = columns(published);
            md.append("\n## Published reference numbers\n\nNot measured here: dev-set medians from the literature, for scale. "
                    + "Their GLUE score is over all eight tasks and their checkpoints are far larger runs.\n\n");
            List<String> head = new ArrayList<>(List.of("Model", "Pre-train FLOPs", "Params", "GLUE"));
            columns.forEach(c -> head.add(header(c)));
            table(md, head, published.stream().map(e -> {
                List<String> cells = new ArrayList<>(List.of(e.model(), LeaderboardFormat.flops(e.pretrainFlops()),
                        String.format(Locale.ROOT, "%.1fM", e.params() / 1e6), LeaderboardFormat.value(e.glueScore())));
                columns.forEach(c -> cells.add(e.stats(c.task(), c.metric()).map(s -> LeaderboardFormat.value(s.median())).orElse("–")));
                return cells;
            }).toList());
        }
        return md.toString();
    }

    /** What the comparisons table means, in one paragraph (also shown in report.html). */
    public static String comparisonsIntro() {
        return "Model A against model B at the same checkpoint fraction of the same pre-training budget (or against "
                + "the no-pre-training control), paired by fine-tuning seed: per-seed difference A − B, its mean and the "
                + "two-sided " + Math.round(MeanInterval.CONFIDENCE * 100) + "% t interval of the mean (n seeds, n − 1 degrees "
                + "of freedom). Verdict: better / worse when the whole interval lies above / below zero, within noise when "
                + "it contains zero. GLUE: per-seed GLUE score over the GLUE tasks both have.";
    }

    /** The cells of one comparison line: A, B, fraction, metric, n, per-seed, mean, interval, verdict. */
    public static List<String> comparisonCells(PairedDifference d) {
        String fraction = d.fractionA() == d.fractionB() ? LeaderboardFormat.fraction(d.fractionA())
                : LeaderboardFormat.fraction(d.fractionA()) + " vs " + LeaderboardFormat.fraction(d.fractionB());
        String perSeed = String.join(", ", d.pairs().stream().map(p -> "s" + p.seed() + " " + signed(p.difference())).toList());
        String interval = Double.isNaN(d.ciLow()) ? "–" : "[" + signed(d.ciLow()) + ", " + signed(d.ciHigh()) + "]";
        return List.of(d.modelA(), d.modelB(), fraction, LeaderboardFormat.label(new TaskMetric(d.task(), d.metric())),
                Integer.toString(d.seeds()), perSeed, signed(d.meanDifference()), interval, d.verdict().label());
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }

    /** Paper-convention metrics present in any of {@code entries}, then leaderboard-convention ones; others stay in the CSV. */
    static List<TaskMetric> columns(List<LeaderboardEntry> entries) {
        TreeSet<TaskMetric> present = new TreeSet<>();
        entries.forEach(e -> present.addAll(e.metrics().keySet()));
        Predicate<TaskMetric> shown = tm -> tm.convention() != MetricConventions.Convention.OTHER;
        return present.stream().filter(shown)
                .sorted(Comparator.comparing(TaskMetric::convention).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** Every column the leaderboard shows for its measured entries. */
    public static List<TaskMetric> measuredColumns(Leaderboard leaderboard) {
        return columns(leaderboard.entries().stream().filter(e -> !e.reference()).toList());
    }

    public static String header(TaskMetric tm) {
        return LeaderboardFormat.label(tm) + (tm.convention() == MetricConventions.Convention.LEADERBOARD ? " (lb)" : "");
    }

    private static void table(StringBuilder md, List<String> head, List<List<String>> rows) {
        row(md, head);
        row(md, head.stream().map(h -> "---").toList());
        rows.forEach(r -> row(md, r));
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }
}
