package dev.electrabench.tasks.qa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-answer exact match and token F1 of the official SQuAD scripts (values in [0, 1]). */
public final class AnswerMetrics {
    private AnswerMetrics() {}

    /** 1 if the normalized strings are equal, else 0 (both versions). */
    public static double exact(String gold, String predicted) {
        return AnswerNormalizer.normalize(gold).equals(AnswerNormalizer.normalize(predicted)) ? 1 : 0;
    }

    /** v1.1 {@code f1_score}: 0 when no token is shared, which includes empty answers. */
    public static double f1V1(String gold, String predicted) {
        return f1(AnswerNormalizer.tokens(gold), AnswerNormalizer.tokens(predicted));
    }

    /** v2.0 {@code compute_f1}: if either side has no tokens, 1 when both are empty, else 0. */
    public static double f1V2(String gold, String predicted) {
        List<String> goldTokens = AnswerNormalizer.tokens(gold);
        List<String> predictedTokens = AnswerNormalizer.tokens(predicted);
        if (goldTokens.isEmpty() || predictedTokens.isEmpty()) {
            return goldTokens.equals(predictedTokens) ? 1 : 0;
        }
        return f1(goldTokens, predictedTokens);
    }

    /** Bag-of-tokens F1: shared = Σ min(count in gold, count in prediction). */
    private static double f1(List<String> gold, List<String> predicted) {
        Map<String, Integer> goldCounts = new HashMap<>();
        for (String t : gold) {
            goldCounts.merge(t, 1, Integer::sum);
        }
        int shared = 0;
        for (String t : predicted) {
            Integer left = goldCounts.get(t);
            if (left != null && left > 0) {
                shared++;
                goldCounts.put(t, left - 1);
            }
        }
        if (shared == 0) {
            return 0;
        }
        double precision = (double) shared / predicted.size();
        double recall = (double) shared / gold.size();
        return 2 * precision * recall / (precision + recall);
    }
}
