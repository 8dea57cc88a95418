package dev.electrabench.results.report;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardEntry;
import dev.electrabench.results.leaderboard.LeaderboardFormat;
import dev.electrabench.results.leaderboard.TaskMetric;
import dev.electrabench.results.paired.PairedDifference;
import dev.electrabench.results.plot.Figure;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code report.html}: one self-contained page per run (no script, no external resource; the plots are
 * PNGs inlined as data URIs) with the leaderboard, the paired comparisons and their verdicts, every plot,
 * the provenance of the rows and the run's config files. Every plot is an {@code <img class="plot">}
 * with {@code data-plot="<file base name>"}, which the browser test counts.
 */
public final class ReportHtml {
    public static final String FILE_NAME = "report.html";

    private ReportHtml() {}

    /** Everything the page shows. */
    public record Content(Leaderboard leaderboard, List<PairedDifference> comparisons, List<ResultRow> rows,
                          List<Figure> figures, Map<String, String> configFiles, List<Path> files) {}

    public static void write(Path file, Content content) {
        AtomicFiles.writeString(file, render(content));
    }

    public static String render(Content c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>electra-bench report</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>electra-bench report</h1>\n");
        provenance(h, c.rows());
        leaderboard(h, c.leaderboard());
        comparisons(h, c.comparisons());
        published(h, c.leaderboard());
        plots(h, c.figures());
        config(h, c.configFiles());
        if (!c.files().isEmpty()) {
            h.append("<h2 id=\"files\">Files</h2>\n<ul>\n");
            c.files().forEach(f -> h.append("<li><code>").append(esc(f.getFileName().toString())).append("</code></li>\n"));
            h.append("</ul>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void provenance(StringBuilder h, List<ResultRow> rows) {
        h.append("<h2 id=\"provenance\">Provenance</h2>\n");
        Set<RunInfo> runs = new LinkedHashSet<>();
        rows.stream().filter(r -> !r.isReference()).forEach(r -> runs.add(r.run()));
        if (runs.isEmpty()) {
            h.append("<p>No measured rows.</p>\n");
            return;
        }
        table(h, List.of("run", "created (UTC)", "git commit", "config sha256", "backend", "device", "electra-bench"),
                runs.stream().map(r -> List.of(r.runId(), r.createdUtc(), r.gitCommit(), r.configSha256(), r.backend(), r.device(),
                        r.electraBenchVersion())).toList(), "provenance");
    }

    private static void leaderboard(StringBuilder h, Leaderboard lb) {
        h.append("<h2 id=\"leaderboard\">Leaderboard</h2>\n<p>Median over fine-tuning seeds (seed min–max, n); metric values x 100; "
                + "pre-training FLOPs in the ELECTRA paper convention.</p>\n");
        List<LeaderboardEntry> measured = lb.entries().stream().filter(e -> !e.reference()).toList();
        if (measured.isEmpty()) {
            h.append("<p>No measured entries.</p>\n");
            return;
        }
        List<TaskMetric> columns = LeaderboardMarkdown.measuredColumns(lb);
        boolean glue = measured.stream().anyMatch(LeaderboardEntry::hasGlueScore);
        List<String> head = new ArrayList<>(List.of("Model", "Fraction", "Pre-train FLOPs"));
        if (glue) {
            head.add("GLUE");
        }
        columns.forEach(tm -> head.add(LeaderboardMarkdown.header(tm)));
        table(h, head, measured.stream().map(e -> {
            List<String> cells = new ArrayList<>(List.of(e.model(), LeaderboardFormat.fraction(e.checkpointFraction()),
                    LeaderboardFormat.flops(e.pretrainFlops())));
            if (glue) {
                cells.add(LeaderboardFormat.value(e.glueScore()) + spread(e.glueSpread().seeds(), e.glueSpread().min(), e.glueSpread().max()));
            }
            columns.forEach(tm -> cells.add(e.stats(tm.task(), tm.metric())
                    .map(s -> LeaderboardFormat.value(s.median()) + spread(s.seeds(), s.min(), s.max())).orElse("–")));
            return cells;
        }).toList(), "leaderboard");
        String note = lb.absentGlueTasksNote();
        if (glue && !note.isEmpty()) {
            h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
    }

    private static String spread(int n, double min, double max) {
        return n < 2 ? " (n=" + n + ")" : " (" + LeaderboardFormat.value(min) + "–" + LeaderboardFormat.value(max) + ", n=" + n + ")";
    }

    private static void comparisons(StringBuilder h, List<PairedDifference> comparisons) {
        h.append("<h2 id=\"comparisons\">Paired comparisons</h2>\n<p>").append(esc(LeaderboardMarkdown.comparisonsIntro())).append("</p>\n");
        if (comparisons.isEmpty()) {
            h.append("<p>No pair of models measured with common seeds.</p>\n");
            return;
        }
        List<List<String>> rows = comparisons.stream().map(LeaderboardMarkdown::comparisonCells).toList();
        table(h, List.of("A", "B", "Fraction", "Metric", "n", "Per-seed A − B", "Mean A − B", "95% interval", "Verdict"), rows, "comparisons",
                cells -> "verdict-" + cells.get(cells.size() - 1).replace(' ', '-'));
    }

    private static void published(StringBuilder h, Leaderboard lb) {
        List<LeaderboardEntry> published = lb.entries().stream().filter(LeaderboardEntry::reference).toList();
        if (published.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"published\">Published reference numbers</h2>\n<p>Not measured here: dev-set medians from the literature, "
                + "for scale (GLUE over all eight tasks).</p>\n");
        List<TaskMetric> columns = new ArrayList<>();
        published.forEach(e -> e.metrics().keySet().stream().filter(tm -> tm.convention() != dev.electrabench.results.leaderboard.MetricConventions.Convention.OTHER)
                .filter(tm -> !columns.contains(tm)).forEach(columns::add));
        columns.sort(null);
        List<String> head = new ArrayList<>(List.of("Model", "Pre-train FLOPs", "GLUE"));
        columns.forEach(tm -> head.add(LeaderboardMarkdown.header(tm)));
        table(h, head, published.stream().map(e -> {
            List<String> cells = new ArrayList<>(List.of(e.model(), LeaderboardFormat.flops(e.pretrainFlops()), LeaderboardFormat.value(e.glueScore())));
            columns.forEach(tm -> cells.add(e.stats(tm.task(), tm.metric()).map(s -> LeaderboardFormat.value(s.median())).orElse("–")));
            return cells;
        }).toList(), "published");
    }

    private static void plots(StringBuilder h, List<Figure> figures) {
        h.append("<h2 id=\"plots\">Plots</h2>\n");
        if (figures.isEmpty()) {
            h.append("<p>No plots.</p>\n");
        }
        for (Figure f : figures) {
            byte[] png;
            try {
                png = Files.readAllBytes(f.png());
            } catch (IOException e) {
                throw UserException.in(f.png(), "cannot read the plot: " + e.getMessage());
            }
            h.append("<figure>\n<img class=\"plot\" data-plot=\"").append(esc(f.baseName())).append("\" alt=\"").append(esc(f.title()))
                    .append("\" width=\"900\" height=\"540\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\">\n<figcaption>").append(esc(f.title())).append(" — <code>").append(esc(f.baseName()))
                    .append(".svg</code> / <code>.png</code></figcaption>\n</figure>\n");
        }
    }

    private static void config(StringBuilder h, Map<String, String> files) {
        h.append("<h2 id=\"config\">Config</h2>\n");
        if (files.isEmpty()) {
            h.append("<p>No config file in the run folder.</p>\n");
        }
        files.forEach((name, text) -> h.append("<h3>").append(esc(name)).append("</h3>\n<pre>").append(esc(text)).append("</pre>\n"));
    }

    private static void table(StringBuilder h, List<String> head, List<List<String>> rows, String id) {
        table(h, head, rows, id, cells -> "");
    }

    private static void table(StringBuilder h, List<String> head, List<List<String>> rows, String id, Function<List<String>, String> rowClass) {
        h.append("<table id=\"").append(id).append("-table\">\n<thead><tr>");
        head.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            String cls = rowClass.apply(r);
            h.append(cls.isEmpty() ? "<tr>" : "<tr class=\"" + esc(cls) + "\">");
            r.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS = String.join("\n",
            "body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }",
            "table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }",
            "th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }",
            "th { background: #f2f2f2; }",
            "tr.verdict-better td:last-child { background: #d9f2d9; font-weight: bold; }",
            "tr.verdict-worse td:last-child { background: #f8d7d7; font-weight: bold; }",
            "tr.verdict-within-noise td:last-child { background: #eeeeee; }",
            "figure { margin: 1em 0 2em; }",
            "img.plot { max-width: 100%; height: auto; border: 1px solid #ddd; }",
            "pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }",
            "p.note { font-style: italic; }",
            "") + String.format(Locale.ROOT, "%n");
}
