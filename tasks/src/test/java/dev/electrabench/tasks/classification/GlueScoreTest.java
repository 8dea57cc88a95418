package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlueScoreTest {

    /** BERT-Large's GLUE leaderboard test row (as published with the BERT paper's submission). */
    private static Map<String, Map<String, Double>> bertLarge() {
        Map<String, Map<String, Double>> s = new HashMap<>();
        s.put("cola", Map.of("mcc", 60.5));
        s.put("sst2", Map.of("accuracy", 94.9));
        s.put("mrpc", Map.of("f1", 89.3, "accuracy", 85.4));
        s.put("stsb", Map.of("pearson", 87.6, "spearman", 86.5));
        s.put("qqp", Map.of("f1", 72.1, "accuracy", 89.3));
        s.put("mnli-m", Map.of("accuracy", 86.7));
        s.put("mnli-mm", Map.of("accuracy", 85.9));
        s.put("qnli", Map.of("accuracy", 92.7));
        s.put("rte", Map.of("accuracy", 70.1));
        s.put("wnli", Map.of("accuracy", 65.1));
        s.put("ax", Map.of("mcc", 39.6));
        return s;
    }

    @Test
    void leaderboardScoreReproducesAPublishedRow() {
        // task scores: 60.5, 94.9, 87.35, 87.05, 80.7, MNLI (86.7+85.9)/2 = 86.3, 92.7, 70.1, 65.1
        // sum 724.7 / 9 = 80.52 -> published 80.5
        assertEquals(724.7 / 9, GlueScore.leaderboard(bertLarge()), 1e-9);
        assertEquals(80.5, GlueScore.leaderboard(bertLarge()), 0.05);
    }

    @Test
    void paperScoreIsMeanOfPrimaryMetricsOfEightTasks() {
        // CoLA mcc 60.5, SST 94.9, MRPC acc 85.4, STS spearman 86.5, QQP acc 89.3, MNLI-m 86.7, QNLI 92.7, RTE 70.1
        double expected = (60.5 + 94.9 + 85.4 + 86.5 + 89.3 + 86.7 + 92.7 + 70.1) / 8;
        assertEquals(expected, GlueScore.paper(bertLarge()), 1e-9);
    }

    @Test
    void missingTaskIsAnError() {
        Map<String, Map<String, Double>> s = bertLarge();
        s.remove("rte");
        assertThrows(IllegalArgumentException.class, () -> GlueScore.paper(s));
    }
}
