package dev.electrabench.results.plot;

import dev.electrabench.results.csv.CsvFile;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Pre-training curves of every {@code pretrain-<model>/metrics.csv} of a run, each against steps and
 * against paper-convention FLOPs ({@code pretrain-<curve>-steps} / {@code -flops}): the objective's loss;
 * the generator's (or BERT's) accuracy at the masked slots with the unigram baseline as a line when it
 * is known; the discriminator's AUC; its accuracy against always answering "original" (1 − the replaced
 * fraction). A curve no log has values for is not drawn.
 */
public final class LearningCurves {
    public static final String BASE_NAME = "pretrain";

    private LearningCurves() {}

    /**
     * One pre-training log: the model's name in the legend, its metrics.csv, and the unigram baseline's
     * masked accuracy (NaN if unknown).
     */
    public record Log(String name, Path metricsCsv, double unigramAccuracy) {}

    private record Curve(String id, String title, String yTitle, String column, String referenceColumn, String referenceName) {}

    private static final List<Curve> CURVES = List.of(
            new Curve("loss", "Pre-training loss (ELECTRA: generator MLM + 50 x discriminator BCE)", "loss", "loss", null, null),
            new Curve("masked-accuracy", "Masked-LM accuracy at [MASK]/random slots vs the unigram baseline", "mlm_masked_accuracy",
                    "mlm_masked_accuracy", null, "unigram baseline"),
            new Curve("disc-auc", "Discriminator AUC (replaced vs original)", "disc_auc", "disc_auc", null, null),
            new Curve("disc-accuracy", "Discriminator accuracy vs always answering original", "disc_accuracy", "disc_accuracy",
                    "replaced_fraction", "all-original"),
            // a collapsed encoder maps every sentence near one point; fine-tuning from it lands on the majority class
            new Curve("repr-spread", "Representation spread: mean distance between sentences' pooled final states",
                    "repr_spread", "repr_spread", null, null));

    /** Writes every curve some log has values for, against steps and against FLOPs. */
    public static List<Figure> figures(List<Log> logs, Path dir) {
        List<Figure> figures = new ArrayList<>();
        if (logs.isEmpty()) {
            return figures;
        }
        List<CsvFile> files = logs.stream().map(l -> CsvFile.read(l.metricsCsv())).toList();
        for (Curve curve : CURVES) {
            if (files.stream().noneMatch(f -> hasValues(f, curve.column()))) {
                continue;
            }
            for (boolean flops : new boolean[] {false, true}) {
                XYChart chart = chart(curve, logs, files, flops);
                figures.add(Charts.write(chart, dir, BASE_NAME + "-" + curve.id() + (flops ? "-flops" : "-steps")));
            }
        }
        return figures;
    }

    private static XYChart chart(Curve curve, List<Log> logs, List<CsvFile> files, boolean flops) {
        XYChart chart = Charts.chart(curve.title(), flops ? "pre-training FLOPs (ELECTRA paper convention)" : "pre-training step", curve.yTitle());
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logs.size(); i++) {
            CsvFile f = files.get(i);
            if (!hasValues(f, curve.column())) {
                continue;
            }
            Color color = Charts.color(i);
            List<double[]> points = new ArrayList<>();
            List<double[]> reference = new ArrayList<>();
            for (CsvFile.Row row : f.rows()) {
                double x = row.requiredNumber(flops ? "train_flops" : "step");
                double y = row.number(curve.column());
                if (!Double.isNaN(y)) {
                    points.add(new double[] {x, y});
                }
                if (curve.referenceColumn() != null && f.hasColumn(curve.referenceColumn())) {
                    double r = row.number(curve.referenceColumn());
                    if (!Double.isNaN(r)) {
                        reference.add(new double[] {x, 1 - r});
                    }
                }
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
            }
            Charts.line(chart, logs.get(i).name(), column(points, 0), column(points, 1), color).setMarker(SeriesMarkers.NONE);
            if (!reference.isEmpty()) {
                Charts.line(chart, logs.get(i).name() + " " + curve.referenceName(), column(reference, 0), column(reference, 1), color)
                        .setMarker(SeriesMarkers.NONE);
                chart.getSeriesMap().get(logs.get(i).name() + " " + curve.referenceName()).setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        if (curve.referenceColumn() == null && curve.referenceName() != null) {
            for (int i = 0; i < logs.size(); i++) {
                double u = logs.get(i).unigramAccuracy();
                if (!Double.isNaN(u) && hasValues(files.get(i), curve.column())) {
                    Charts.horizontal(chart, logs.get(i).name() + " " + curve.referenceName(), xMin, xMax, u, Charts.color(i), SeriesLines.DASH_DASH);
                }
            }
        }
        return chart;
    }

    static boolean hasValues(CsvFile f, String column) {
        if (!f.hasColumn(column)) {
            return false;
        }
        for (CsvFile.Row row : f.rows()) {
            if (!Double.isNaN(row.number(column))) {
                return true;
            }
        }
        return false;
    }

    private static double[] column(List<double[]> points, int i) {
        return points.stream().mapToDouble(p -> p[i]).toArray();
    }
}
