package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerMetricsTest {

    @Test
    void exactMatchComparesNormalizedText() {
        assertEquals(1.0, AnswerMetrics.exact("the Denver Broncos", "Denver Broncos."));
        assertEquals(0.0, AnswerMetrics.exact("Denver Broncos", "Broncos"));
    }

    @Test
    void tokenF1ByHand() {
        // gold tokens cat sat on mat (articles removed), predicted cat on mat: shared 3, P = 1, R = 3/4
        // F1 = 2·1·0.75 / 1.75 = 6/7
        assertEquals(6.0 / 7, AnswerMetrics.f1V1("the cat sat on the mat", "cat on mat"), 1e-12);
        assertEquals(6.0 / 7, AnswerMetrics.f1V2("the cat sat on the mat", "cat on mat"), 1e-12);
    }

    @Test
    void repeatedTokensCountAsMultisets() {
        // gold red red blue, predicted red blue blue: shared min(2,1) + min(1,2) = 2, P = R = 2/3
        assertEquals(2.0 / 3, AnswerMetrics.f1V1("red red blue", "red blue blue"), 1e-12);
    }

    @Test
    void emptyAnswersDifferBetweenVersions() {
        // v1.1: no shared token -> 0, even for two empty answers
        assertEquals(0.0, AnswerMetrics.f1V1("", ""));
        assertEquals(0.0, AnswerMetrics.f1V1("the", "a"));
        // v2.0: empty vs empty = 1 (correct abstention), empty vs non-empty = 0
        assertEquals(1.0, AnswerMetrics.f1V2("", ""));
        assertEquals(1.0, AnswerMetrics.f1V2("", "an"));
        assertEquals(0.0, AnswerMetrics.f1V2("", "Broncos"));
        assertEquals(0.0, AnswerMetrics.f1V2("Broncos", ""));
        assertEquals(1.0, AnswerMetrics.exact("", "the"));
    }
}
