package dev.electrabench.results.plot;

import dev.electrabench.core.io.AtomicFiles;
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
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Score against pre-training FLOPs (log x axis): {@code efficiency.svg/.png} for the GLUE score and
 * {@code efficiency-<task>.svg/.png} for the paper metric of every task measured.
 *
 * <p>Series: one line per measured model through its checkpoint fractions (in FLOPs order); a
 * "no pre-training" control (0 FLOPs, which a log axis cannot show) is drawn as a dashed horizontal
 * line across the plot named "<model> (no pre-training)"; a published reference is a single marker.
 */
public final class EfficiencyPlot {
    public static final String BASE_NAME = "efficiency";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    static {
        // plots are written on servers and in CI, where there is no display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private EfficiencyPlot() {}

    /** Writes every chart as SVG and PNG into {@code dir} (atomically); returns the files written. */
    public static List<Path> write(Leaderboard leaderboard, Path dir) {
        List<Path> written = new ArrayList<>();
        written.addAll(write(glueChart(leaderboard), dir, BASE_NAME));
        for (TaskMetric tm : plottedTaskMetrics(leaderboard)) {
            written.addAll(write(taskChart(leaderboard, tm), dir, BASE_NAME + "-" + safeFileName(tm.task())));
        }
        return written;
    }

    /** The chart of the GLUE score. */
    public static XYChart glueChart(Leaderboard leaderboard) {
        String note = leaderboard.absentGlueTasksNote().isEmpty() ? "" : " (over the GLUE tasks present)";
        return chart(leaderboard, "GLUE dev score vs pre-training compute" + note, "GLUE score", LeaderboardEntry::glueScore);
    }

    /** The chart of one task metric. */
    public static XYChart taskChart(Leaderboard leaderboard, TaskMetric tm) {
        return chart(leaderboard, LeaderboardFormat.label(tm) + " vs pre-training compute", LeaderboardFormat.label(tm),
                e -> e.stats(tm.task(), tm.metric()).map(SeedStats::median).orElse(Double.NaN));
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

    private static XYChart chart(Leaderboard leaderboard, String title, String yTitle, ToDoubleFunction<LeaderboardEntry> value) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("pre-training FLOPs (ELECTRA paper convention, log scale)").yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setXAxisDecimalPattern("0.#E0");
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(8);

        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        Map<String, Double> controls = new LinkedHashMap<>();
        Map<String, double[]> references = new LinkedHashMap<>();
        List<LeaderboardEntry> entries = new ArrayList<>(leaderboard.entries());
        entries.sort(Comparator.comparing(LeaderboardEntry::model).thenComparingDouble(LeaderboardEntry::pretrainFlops));
        for (LeaderboardEntry e : entries) {
            double y = value.applyAsDouble(e);
            if (Double.isNaN(y)) {
                continue;
            }
            if (e.reference()) {
                if (e.pretrainFlops() > 0) {
                    references.put(e.model(), new double[] {e.pretrainFlops(), y});
                }
            } else if (e.pretrainFlops() > 0) {
                curves.computeIfAbsent(e.model(), m -> new ArrayList<>()).add(new double[] {e.pretrainFlops(), y});
            } else if (e.pretrainFlops() == 0) {
                controls.put(e.model() + " (no pre-training)", y);
            } // unknown FLOPs (an external checkpoint): no place on a FLOPs axis

        }

        double[] range = xRange(curves, references);
        styler.setXAxisMin(range[0]);
        styler.setXAxisMax(range[1]);
        curves.forEach((model, points) -> {
            XYSeries s = chart.addSeries(model, column(points, 0), column(points, 1));
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        controls.forEach((name, y) -> {
            XYSeries s = chart.addSeries(name, new double[] {range[0], range[1]}, new double[] {y, y});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.DASH_DASH);
        });
        references.forEach((model, point) -> {
            XYSeries s = chart.addSeries(model, new double[] {point[0]}, new double[] {point[1]});
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineStyle(SeriesLines.NONE);
        });
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle(title + ": no data");
        }
        return chart;
    }

    /** Whole decades around every plotted FLOPs value; one decade [1, 10] when nothing has FLOPs. */
    private static double[] xRange(Map<String, List<double[]>> curves, Map<String, double[]> references) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<double[]> points : curves.values()) {
            for (double[] p : points) {
                lo = Math.min(lo, p[0]);
                hi = Math.max(hi, p[0]);
            }
        }
        for (double[] p : references.values()) {
            lo = Math.min(lo, p[0]);
            hi = Math.max(hi, p[0]);
        }
        if (lo > hi) {
            return new double[] {1, 10};
        }
        double decadeLo = Math.pow(10, Math.floor(Math.log10(lo)));
        double decadeHi = Math.pow(10, Math.ceil(Math.log10(hi)));
        return new double[] {decadeLo, decadeHi > decadeLo ? decadeHi : decadeLo * 10};
    }

    private static double[] column(List<double[]> points, int i) {
        return points.stream().mapToDouble(p -> p[i]).toArray();
    }

    private static List<Path> write(XYChart chart, Path dir, String baseName) {
        Path svg = dir.resolve(baseName + ".svg");
        Path png = dir.resolve(baseName + ".png");
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return List.of(svg, png);
    }

    private static String safeFileName(String task) {
        return task.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
