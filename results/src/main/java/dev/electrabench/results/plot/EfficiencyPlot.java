package dev.electrabench.results.plot;

import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.leaderboard.LeaderboardEntry;
import dev.electrabench.results.leaderboard.LeaderboardFormat;
import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.SeedStats;
import dev.electrabench.results.leaderboard.TaskMetric;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Score against pre-training FLOPs (log x axis): {@code efficiency.svg/.png} for the GLUE score when a
 * measured entry has one, and {@code efficiency-<task>.svg/.png} for the paper metric of every task
 * measured; nothing for tasks only published references have.
 *
 * <p>Series: one line per measured model through its checkpoint fractions (in FLOPs order) at the median
 * over seeds, with a vertical bar from the seed minimum to the maximum at every point; a "no
 * pre-training" control (0 FLOPs, which a log axis cannot show) is a dashed horizontal line across the
 * plot named "<model> (no pre-training)", its seed range two dotted lines; a published reference is a
 * single diamond.
 */
public final class EfficiencyPlot {
    public static final String BASE_NAME = "efficiency";

    private EfficiencyPlot() {}

    /** Writes every chart as SVG and PNG into {@code dir} (atomically); returns the files written. */
    public static List<Path> write(Leaderboard leaderboard, Path dir) {
        List<Path> written = new ArrayList<>();
        figures(leaderboard, dir).forEach(f -> written.addAll(List.of(f.svg(), f.png())));
        return written;
    }

    /** Writes every chart and returns them as figures (GLUE first, then tasks in display order). */
    public static List<Figure> figures(Leaderboard leaderboard, Path dir) {
        List<Figure> figures = new ArrayList<>();
        if (leaderboard.entries().stream().anyMatch(e -> !e.reference() && e.hasGlueScore())) {
            figures.add(Charts.write(glueChart(leaderboard), dir, BASE_NAME));
        }
        for (TaskMetric tm : plottedTaskMetrics(leaderboard)) {
            figures.add(Charts.write(taskChart(leaderboard, tm), dir, BASE_NAME + "-" + Charts.safeFileName(tm.task())));
        }
        return figures;
    }

    /** The chart of the GLUE score. */
    public static XYChart glueChart(Leaderboard leaderboard) {
        String note = leaderboard.absentGlueTasksNote().isEmpty() ? "" : " (over the GLUE tasks present)";
        return chart(leaderboard, "GLUE dev score vs pre-training compute" + note, "GLUE score",
                e -> e.hasGlueScore() ? new SeedStats(e.glueSpread().seeds(), e.glueScore(), e.glueSpread().sd(),
                        e.glueSpread().min(), e.glueSpread().max()) : null);
    }

    /** The chart of one task metric. */
    public static XYChart taskChart(Leaderboard leaderboard, TaskMetric tm) {
        return chart(leaderboard, LeaderboardFormat.label(tm) + " vs pre-training compute", LeaderboardFormat.label(tm),
                e -> e.stats(tm.task(), tm.metric()).orElse(null));
    }

    /**
     * The first paper-convention metric (e.g. SQuAD F1, not EM) of every task a measured entry has;
     * tasks only references have get no chart of their own.
     */
    static List<TaskMetric> plottedTaskMetrics(Leaderboard leaderboard) {
        TreeSet<TaskMetric> present = new TreeSet<>();
        leaderboard.entries().stream().filter(e -> !e.reference()).forEach(e -> present.addAll(e.metrics().keySet()));
        return present.stream()
                .filter(tm -> MetricConventions.paperMetrics(tm.task()).get(0).equals(tm.metric()))
                .toList();
    }

    private static XYChart chart(Leaderboard leaderboard, String title, String yTitle, Function<LeaderboardEntry, SeedStats> value) {
        XYChart chart = Charts.chart(title + " (bars: seed min–max)", "pre-training FLOPs (ELECTRA paper convention, log scale)", yTitle);
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setXAxisDecimalPattern("0.#E0");

        Map<String, List<LeaderboardEntry>> curves = new LinkedHashMap<>();
        Map<String, LeaderboardEntry> controls = new LinkedHashMap<>();
        Map<String, LeaderboardEntry> references = new LinkedHashMap<>();
        List<LeaderboardEntry> entries = new ArrayList<>(leaderboard.entries());
        entries.sort(Comparator.comparing(LeaderboardEntry::model).thenComparingDouble(LeaderboardEntry::pretrainFlops));
        for (LeaderboardEntry e : entries) {
            if (value.apply(e) == null) {
                continue;
            }
            if (e.reference()) {
                if (e.pretrainFlops() > 0) {
                    references.put(e.model(), e);
                }
            } else if (e.pretrainFlops() > 0) {
                curves.computeIfAbsent(e.model(), m -> new ArrayList<>()).add(e);
            } else if (e.pretrainFlops() == 0) {
                controls.put(e.model() + " (no pre-training)", e);
            } // unknown FLOPs (an external checkpoint): no place on a FLOPs axis
        }

        double[] range = xRange(curves, references);
        styler.setXAxisMin(range[0]);
        styler.setXAxisMax(range[1]);
        int colour = 0;
        for (Map.Entry<String, List<LeaderboardEntry>> c : curves.entrySet()) {
            Color color = Charts.color(colour++);
            List<LeaderboardEntry> points = c.getValue();
            double[] x = points.stream().mapToDouble(LeaderboardEntry::pretrainFlops).toArray();
            double[] y = points.stream().mapToDouble(e -> value.apply(e).median()).toArray();
            Charts.line(chart, c.getKey(), x, y, color);
            for (int i = 0; i < points.size(); i++) {
                SeedStats s = value.apply(points.get(i));
                Charts.errorBar(chart, c.getKey(), i, x[i], s.min(), s.max(), color);
            }
        }
        for (Map.Entry<String, LeaderboardEntry> c : controls.entrySet()) {
            Color color = Charts.color(colour++);
            SeedStats s = value.apply(c.getValue());
            Charts.horizontal(chart, c.getKey(), range[0], range[1], s.median(), color, SeriesLines.DASH_DASH);
            if (s.seeds() > 1 && s.min() < s.max()) {
                Charts.horizontal(chart, c.getKey() + " \u2063min", range[0], range[1], s.min(), color, SeriesLines.DOT_DOT).setShowInLegend(false);
                Charts.horizontal(chart, c.getKey() + " \u2063max", range[0], range[1], s.max(), color, SeriesLines.DOT_DOT).setShowInLegend(false);
            }
        }
        for (Map.Entry<String, LeaderboardEntry> r : references.entrySet()) {
            XYSeries s = chart.addSeries(r.getKey(), new double[] {r.getValue().pretrainFlops()}, new double[] {value.apply(r.getValue()).median()});
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineStyle(SeriesLines.NONE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle(title + ": no data");
        }
        return chart;
    }

    /** Whole decades around every plotted FLOPs value; one decade [1, 10] when nothing has FLOPs. */
    private static double[] xRange(Map<String, List<LeaderboardEntry>> curves, Map<String, LeaderboardEntry> references) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<LeaderboardEntry> points : curves.values()) {
            for (LeaderboardEntry p : points) {
                lo = Math.min(lo, p.pretrainFlops());
                hi = Math.max(hi, p.pretrainFlops());
            }
        }
        for (LeaderboardEntry p : references.values()) {
            lo = Math.min(lo, p.pretrainFlops());
            hi = Math.max(hi, p.pretrainFlops());
        }
        if (lo > hi) {
            return new double[] {1, 10};
        }
        double decadeLo = Math.pow(10, Math.floor(Math.log10(lo)));
        double decadeHi = Math.pow(10, Math.ceil(Math.log10(hi)));
        return new double[] {decadeLo, decadeHi > decadeLo ? decadeHi : decadeLo * 10};
    }
}
