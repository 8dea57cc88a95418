package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hand-made logits over a hand-tokenized paragraph. */
class SpanDecoderTest {
    //                                  0         1         2         3
    //                                  0123456789012345678901234567890123
    private static final String CONTEXT = "Denver Broncos won Super Bowl 50.";

    // positions: 0 [CLS], 1 who, 2 won, 3 [SEP], 4 Denver, 5 Broncos, 6 won, 7 Super, 8 Bowl, 9 50, 10 ".", 11 [SEP]
    private static final int[] STARTS = {-1, -1, -1, -1, 0, 7, 15, 19, 25, 30, 32, -1};
    private static final int[] ENDS = {-1, -1, -1, -1, 6, 14, 18, 24, 29, 32, 33, -1};

    /** Logits that are 0 except at the given (position, value) pairs. */
    private static float[] logits(double... positionValuePairs) {
        float[] out = new float[STARTS.length];
        for (int i = 0; i < positionValuePairs.length; i += 2) {
            out[(int) positionValuePairs[i]] = (float) positionValuePairs[i + 1];
        }
        return out;
    }

    private static FeatureLogits feature(float[] start, float[] end) {
        return new FeatureLogits(start, end, STARTS, ENDS, null);
    }

    @Test
    void bestSpanSkipsQuestionTokensAndKeepsOriginalText() {
        // the question tokens 1 and 2 have the largest logits but are not in the paragraph
        FeatureLogits f = feature(logits(1, 9, 4, 5), logits(2, 8, 5, 4));
        SpanPrediction p = new SpanDecoder().decode(CONTEXT, List.of(f));
        assertEquals("Denver Broncos", p.text()); // start 4 + end 5 = 9
        assertEquals(9.0, p.nBest().get(0).score(), 1e-6);
        assertTrue(Double.isNaN(p.nullScoreDiff()));
        assertEquals(p.nBest().size(), p.nBest().stream().map(SpanCandidate::text).collect(Collectors.toSet()).size());
        assertTrue(p.nBest().size() <= 20);
        for (SpanCandidate c : p.nBest()) {
            assertTrue(c.startToken() >= 4 && c.endToken() <= 10 && c.startToken() <= c.endToken(), c.toString());
            assertEquals(CONTEXT.substring(c.charStart(), c.charEnd()), c.text());
        }
    }

    @Test
    void endBeforeStartAndOverlongSpansAreSkipped() {
        // best start "Bowl" (8), best end "Denver" (4): invalid pair; next best valid is start 8 end 8 ("Bowl", 6+0)
        // vs start 4 end 4 ("Denver", 0+5)... -> "Bowl" (score 6) wins over "Denver" (5)
        FeatureLogits reversed = feature(logits(8, 6), logits(4, 5));
        assertEquals("Bowl", new SpanDecoder().decode(CONTEXT, List.of(reversed)).text());
        // "Denver ... 50" is 6 tokens: allowed with max length 30, not with 5
        FeatureLogits wide = feature(logits(4, 5), logits(9, 5));
        assertEquals("Denver Broncos won Super Bowl 50", new SpanDecoder().decode(CONTEXT, List.of(wide)).text());
        SpanPrediction shortOnly = new SpanDecoder(20, 5).decode(CONTEXT, List.of(wide));
        assertTrue(shortOnly.nBest().stream().allMatch(c -> c.endToken() - c.startToken() + 1 <= 5));
        assertEquals("Denver", shortOnly.text()); // start 4 + end 4 = 5 + 0, first among the ties
    }

    @Test
    void spansMustStartAtMaxContextTokens() {
        boolean[] maxContext = new boolean[STARTS.length];
        java.util.Arrays.fill(maxContext, true);
        maxContext[4] = false; // "Denver" is better covered by another window
        FeatureLogits f = new FeatureLogits(logits(4, 5, 5, 1), logits(5, 4), STARTS, ENDS, maxContext);
        assertEquals("Broncos", new SpanDecoder().decode(CONTEXT, List.of(f)).text()); // 1 + 4
    }

    @Test
    void bestSpanAcrossOverlappingWindows() {
        FeatureLogits weak = feature(logits(4, 1), logits(5, 1));
        FeatureLogits strong = feature(logits(7, 3), logits(9, 3));
        SpanPrediction p = new SpanDecoder().decode(CONTEXT, List.of(weak, strong));
        assertEquals("Super Bowl 50", p.text());
        assertEquals(1, p.nBest().get(0).feature());
    }

    @Test
    void fallsBackToAllPositionsWhenNoTopNPairIsValid() {
        // with n = 1 the only start / end considered are question tokens
        FeatureLogits f = feature(logits(1, 9, 4, 5), logits(2, 8, 5, 4));
        assertEquals("Denver Broncos", new SpanDecoder(1, 30).decode(CONTEXT, List.of(f)).text());
    }

    @Test
    void squad2ComparesMinimumNullScoreWithBestSpan() {
        // null score = start[0] + end[0] = 3 + 3 = 6 (second window 1 + 1 = 2 is the minimum); best span 5 + 4 = 9
        FeatureLogits a = feature(logits(0, 3, 4, 5), logits(0, 3, 5, 4));
        FeatureLogits b = feature(logits(0, 1), logits(0, 1));
        SpanPrediction p = new SpanDecoder().decode(CONTEXT, List.of(a, b), 0.0);
        assertEquals(2.0 - 9.0, p.nullScoreDiff(), 1e-6);
        assertEquals("Denver Broncos", p.text()); // -7 is not above 0
        assertTrue(p.nBest().stream().anyMatch(c -> c.isNull() && c.text().isEmpty()));
        assertEquals("", new SpanDecoder().decode(CONTEXT, List.of(a, b), -7.5).text()); // -7 > -7.5
    }

    @Test
    void squad2NullCanBeTheTopCandidate() {
        FeatureLogits f = feature(logits(0, 10, 4, 1), logits(0, 10, 5, 1));
        SpanPrediction p = new SpanDecoder().decode(CONTEXT, List.of(f), 0.0);
        assertEquals("", p.text());
        assertEquals(20.0 - 2.0, p.nullScoreDiff(), 1e-6);
        assertTrue(p.nBest().get(0).isNull());
        assertEquals(new HashSet<>(p.nBest()).size(), p.nBest().size());
    }
}
