package dev.electrabench.results.plot;

import dev.electrabench.results.csv.CsvFile;
import dev.electrabench.results.leaderboard.LeaderboardFormat;
import dev.electrabench.results.leaderboard.MetricConventions;
import dev.electrabench.results.leaderboard.TaskMetric;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * Fine-tuning dev metric per epoch, one plot per task ({@code finetune-<task>.svg/.png}): for every
 * (model, checkpoint fraction) the mean over seeds of the task's first paper metric after each epoch,
 * with a bar from the seed minimum to the maximum. Read from each fine-tuning run's {@code metrics.csv}
 * ({@code epoch, train_loss, <dev metrics x 100>, wall_s}).
 */
public final class FineTuneCurves {
    public static final String BASE_NAME = "finetune";

    private FineTuneCurves() {}

    /** One fine-tuning run's log: which arm (e.g. "electra @ 1") and task it belongs to. */
    public record Log(String arm, String task, Path metricsCsv) {}

    public static List<Figure> figures(List<Log> logs, Path dir) {
        Map<String, Map<String, List<Log>>> byTask = new TreeMap<>((a, b) -> {
            int c = Integer.compare(MetricConventions.taskRank(a), MetricConventions.taskRank(b));
            return c != 0 ? c : a.compareTo(b);
        });
        for (Log l : logs) {
            byTask.computeIfAbsent(l.task(), t -> new LinkedHashMap<>()).computeIfAbsent(l.arm(), a -> new ArrayList<>()).add(l);
        }
        List<Figure> figures = new ArrayList<>();
        byTask.forEach((task, arms) -> {
            String metric = MetricConventions.paperMetrics(task).get(0);
            TaskMetric tm = new TaskMetric(task, metric);
            XYChart chart = Charts.chart(LeaderboardFormat.label(tm) + " on dev after each fine-tuning epoch (mean over seeds, bars: min–max)",
                    "fine-tuning epoch", LeaderboardFormat.label(tm));
            int colour = 0;
            for (Map.Entry<String, List<Log>> arm : arms.entrySet()) {
                Map<Integer, List<Double>> perEpoch = new TreeMap<>();
                for (Log l : arm.getValue()) {
                    CsvFile f = CsvFile.read(l.metricsCsv());
                    if (!f.hasColumn(metric)) {
                        continue;
                    }
                    for (CsvFile.Row row : f.rows()) {
                        double v = row.number(metric);
                        if (!Double.isNaN(v)) {
                            perEpoch.computeIfAbsent((int) row.requiredInteger("epoch"), e -> new ArrayList<>()).add(v);
                        }
                    }
                }
                if (perEpoch.isEmpty()) {
                    continue;
                }
                Color color = Charts.color(colour++);
                double[] x = perEpoch.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = perEpoch.values().stream().mapToDouble(vs -> vs.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
                Charts.line(chart, arm.getKey() + " (n=" + arm.getValue().size() + ")", x, y, color);
                int i = 0;
                for (List<Double> vs : perEpoch.values()) {
                    double lo = vs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                    double hi = vs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                    Charts.errorBar(chart, arm.getKey(), i, x[i], lo, hi, color);
                    i++;
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                chart.getStyler().setXAxisDecimalPattern("0");
                figures.add(Charts.write(chart, dir, BASE_NAME + "-" + Charts.safeFileName(task)));
            }
        });
        return figures;
    }
}
