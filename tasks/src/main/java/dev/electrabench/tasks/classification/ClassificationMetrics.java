package dev.electrabench.tasks.classification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accuracy, binary F1 and Matthews correlation over parallel gold / predicted label lists, as fractions
 * (×1, not ×100). A null prediction means "no prediction": it never equals a gold label, so it counts as
 * wrong everywhere (a false negative for F1, its own class for MCC).
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    public static double accuracy(List<String> gold, List<String> predicted) {
        check(gold, predicted);
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        return (double) correct / gold.size();
    }

    /**
     * F1 of the {@code positive} class: 2·TP / (2·TP + FP + FN), 0 when there is no positive in gold or
     * predictions (sklearn's zero_division default).
     */
    public static double f1(List<String> gold, List<String> predicted, String positive) {
        check(gold, predicted);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < gold.size(); i++) {
            boolean goldPositive = positive.equals(gold.get(i));
            boolean predictedPositive = positive.equals(predicted.get(i));
            if (goldPositive && predictedPositive) {
                tp++;
            } else if (predictedPositive) {
                fp++;
            } else if (goldPositive) {
                fn++;
            }
        }
        int denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
    }

    /**
     * Matthews correlation for any number of classes (Gorodkin's R_K, as sklearn's matthews_corrcoef):
     * (c·s − Σ p_k·t_k) / sqrt((s² − Σ p_k²)(s² − Σ t_k²)) with c correct, s samples, t_k / p_k the gold /
     * predicted counts of class k; 0 when either factor of the denominator is 0.
     */
    public static double mcc(List<String> gold, List<String> predicted) {
        check(gold, predicted);
        Map<String, long[]> counts = new HashMap<>(); // class -> {gold count, predicted count}
        long correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            String g = gold.get(i);
            String p = predicted.get(i);
            counts.computeIfAbsent(g, k -> new long[2])[0]++;
            // a missing prediction is a class of its own that matches no gold row
            counts.computeIfAbsent(p, k -> new long[2])[1]++;
            if (g.equals(p)) {
                correct++;
            }
        }
        double s = gold.size();
        double sumPt = 0;
        double sumPp = 0;
        double sumTt = 0;
        for (long[] c : counts.values()) {
            sumPt += (double) c[0] * c[1];
            sumPp += (double) c[1] * c[1];
            sumTt += (double) c[0] * c[0];
        }
        double covPredGold = correct * s - sumPt;
        double covPredPred = s * s - sumPp;
        double covGoldGold = s * s - sumTt;
        if (covPredPred * covGoldGold == 0) {
            return 0.0;
        }
        return covPredGold / Math.sqrt(covPredPred * covGoldGold);
    }

    private static void check(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("no examples to score");
        }
        if (gold.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("gold labels must not be null");
        }
    }
}
