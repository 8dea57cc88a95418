package dev.electrabench.results.leaderboard;

import dev.electrabench.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code leaderboard.md}: the medians table (paper-convention columns, then GLUE-leaderboard ones),
 * the note on absent GLUE tasks, and a second table with the seed spread of every cell.
 */
public final class LeaderboardMarkdown {
    public static final String FILE_NAME = "leaderboard.md";

    private LeaderboardMarkdown() {}

    public static void write(Path file, Leaderboard leaderboard) {
        AtomicFiles.writeString(file, render(leaderboard));
    }

    public static String render(Leaderboard leaderboard) {
        List<TaskMetric> columns = columns(leaderboard);
        StringBuilder md = new StringBuilder();
        md.append("# electra-bench leaderboard\n\n");
        md.append("Medians over fine-tuning seeds; metric values x 100. GLUE = mean over the GLUE tasks present of the "
                + "ELECTRA-paper metric (CoLA MCC, STS-B Spearman, accuracy for SST-2, MRPC, QQP, MNLI-m, QNLI, RTE; "
                + "WNLI never counted). Columns marked (lb) follow the GLUE-leaderboard convention. Pre-training FLOPs "
                + "follow the ELECTRA paper convention. Published rows are reference numbers from the literature, not measured here.\n\n");

        List<String> head = new ArrayList<>(List.of("Model", "Kind", "Fraction", "Pre-train FLOPs", "GLUE"));
        columns.forEach(c -> head.add(header(c)));
        row(md, head);
        row(md, head.stream().map(h -> "---").toList());
        for (LeaderboardEntry e : leaderboard.entries()) {
            List<String> cells = new ArrayList<>(List.of(e.model(), kind(e), LeaderboardFormat.fraction(e.checkpointFraction()),
                    LeaderboardFormat.flops(e.pretrainFlops()), LeaderboardFormat.value(e.glueScore())));
            for (TaskMetric c : columns) {
                cells.add(e.stats(c.task(), c.metric()).map(s -> LeaderboardFormat.value(s.median())).orElse("–"));
            }
            row(md, cells);
        }
        String note = leaderboard.absentGlueTasksNote();
        if (!note.isEmpty()) {
            md.append("\nNote: ").append(note).append('\n');
        }

        md.append("\n## Seed spread\n\nSample standard deviation and min–max over seeds (n = seeds) of the measured entries. "
                + "GLUE: spread of the per-seed GLUE score, over the seeds present in every counted task.\n\n");
        List<String> spreadHead = new ArrayList<>(List.of("Model", "Fraction", "GLUE"));
        columns.forEach(c -> spreadHead.add(header(c)));
        row(md, spreadHead);
        row(md, spreadHead.stream().map(h -> "---").toList());
        for (LeaderboardEntry e : leaderboard.entries()) {
            if (e.reference()) {
                continue; // published numbers come without their spread
            }
            List<String> cells = new ArrayList<>(List.of(e.model(), LeaderboardFormat.fraction(e.checkpointFraction()),
                    LeaderboardFormat.spread(e.glueSpread())));
            for (TaskMetric c : columns) {
                cells.add(e.stats(c.task(), c.metric()).map(LeaderboardFormat::spread).orElse("–"));
            }
            row(md, cells);
        }
        return md.toString();
    }

    /** Paper-convention metrics present in any entry, then leaderboard-convention ones; other metrics stay in the CSV. */
    static List<TaskMetric> columns(Leaderboard leaderboard) {
        TreeSet<TaskMetric> present = new TreeSet<>();
        leaderboard.entries().forEach(e -> present.addAll(e.metrics().keySet()));
        return present.stream()
                .filter(tm -> tm.convention() != MetricConventions.Convention.OTHER)
                .sorted(Comparator.comparing(TaskMetric::convention).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static String header(TaskMetric tm) {
        return LeaderboardFormat.label(tm) + (tm.convention() == MetricConventions.Convention.LEADERBOARD ? " (lb)" : "");
    }

    private static String kind(LeaderboardEntry e) {
        return e.reference() ? "published" : "measured";
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }
}
