package dev.electrabench.tasks.classification;

import dev.electrabench.tasks.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores GLUE predictions with the task's metrics ×100 (keys {@code accuracy}, {@code f1}, {@code mcc},
 * {@code pearson}, {@code spearman}), as ELECTRA's classification_metrics.py and the GLUE leaderboard.
 * Missing classification predictions count as wrong. Correlations are undefined with missing rows, so
 * STS-B needs a prediction for every example.
 */
public final class GlueScorer implements Scorer<GlueExample, String> {
    private final GlueTask task;

    public GlueScorer(GlueTask task) {
        this.task = task;
    }

    @Override
    public String primaryMetric() {
        return task.primaryMetric();
    }

    @Override
    public Map<String, Double> score(List<GlueExample> examples, Map<String, String> predictions) {
        for (GlueExample e : examples) {
            if (!e.isLabeled()) {
                throw new IllegalArgumentException(task.name() + " example " + e.guid() + " has no gold label");
            }
        }
        return task.isRegression() ? scoreRegression(examples, predictions) : scoreClasses(examples, predictions);
    }

    private Map<String, Double> scoreClasses(List<GlueExample> examples, Map<String, String> predictions) {
        List<String> gold = new ArrayList<>(examples.size());
        List<String> predicted = new ArrayList<>(examples.size());
        for (GlueExample e : examples) {
            String p = predictions.get(e.guid());
            if (p != null && !task.labels().contains(p)) {
                throw new IllegalArgumentException(task.name() + " prediction '" + p + "' for " + e.guid()
                        + " is not one of " + task.labels());
            }
            gold.add(e.label());
            predicted.add(p);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String metric : task.metrics()) {
            double value = switch (metric) {
                case "accuracy" -> ClassificationMetrics.accuracy(gold, predicted);
                case "f1" -> ClassificationMetrics.f1(gold, predicted, task.positiveLabel());
                case "mcc" -> ClassificationMetrics.mcc(gold, predicted);
                default -> throw new IllegalStateException("unknown metric " + metric);
            };
            scores.put(metric, 100 * value);
        }
        return scores;
    }

    private Map<String, Double> scoreRegression(List<GlueExample> examples, Map<String, String> predictions) {
        double[] gold = new double[examples.size()];
        double[] predicted = new double[examples.size()];
        for (int i = 0; i < gold.length; i++) {
            GlueExample e = examples.get(i);
            String p = predictions.get(e.guid());
            if (p == null) {
                throw new IllegalArgumentException(task.name() + ": " + Scorer.missing(examples, predictions) + " of "
                        + examples.size() + " rows have no prediction; correlations need every row");
            }
            gold[i] = e.score();
            predicted[i] = parseNumber(p, e);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("pearson", 100 * CorrelationMetrics.pearson(gold, predicted));
        scores.put("spearman", 100 * CorrelationMetrics.spearman(gold, predicted));
        return scores;
    }

    private double parseNumber(String text, GlueExample e) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(task.name() + " prediction '" + text + "' for " + e.guid() + " is not a number");
    }
}
