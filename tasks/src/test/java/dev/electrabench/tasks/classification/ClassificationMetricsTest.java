package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    /** A binary table: TP=6, TN=3, FP=1, FN=2 (positive = "1"). */
    private static final List<String> GOLD = repeat("1", 6, "0", 3, "0", 1, "1", 2);
    private static final List<String> PRED = repeat("1", 6, "0", 3, "1", 1, "0", 2);

    @Test
    void accuracyIsCorrectOverTotal() {
        // (6 + 3) / 12
        assertEquals(0.75, ClassificationMetrics.accuracy(GOLD, PRED), 1e-12);
    }

    @Test
    void mccOfTwoByTwoTableByHand() {
        // (TP·TN − FP·FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (18 − 2) / sqrt(7·8·4·5) = 16 / sqrt(1120)
        assertEquals(16 / Math.sqrt(1120), ClassificationMetrics.mcc(GOLD, PRED), 1e-12);
        assertEquals(0.478091, ClassificationMetrics.mcc(GOLD, PRED), 1e-6);
    }

    @Test
    void mccIsSymmetricInLabelNamesAndZeroForConstantPredictions() {
        List<String> swappedGold = GOLD.stream().map(s -> s.equals("1") ? "0" : "1").toList();
        List<String> swappedPred = PRED.stream().map(s -> s.equals("1") ? "0" : "1").toList();
        assertEquals(ClassificationMetrics.mcc(GOLD, PRED), ClassificationMetrics.mcc(swappedGold, swappedPred), 1e-12);
        // sklearn: a constant prediction makes the denominator 0 -> 0
        assertEquals(0.0, ClassificationMetrics.mcc(GOLD, repeat("1", 12)), 0.0);
        assertEquals(1.0, ClassificationMetrics.mcc(GOLD, GOLD), 1e-12);
        assertEquals(-1.0, ClassificationMetrics.mcc(GOLD, swappedGold), 1e-12);
    }

    @Test
    void mccOfThreeClassesByHand() {
        // gold a a b b c c, pred a b b b c a: correct c=4, s=6
        // gold counts t = (2, 2, 2); predicted counts p = (2, 3, 1)
        // cov(pred,gold) = 4·6 − (2·2 + 2·3 + 2·1) = 24 − 12 = 12
        // cov(pred,pred) = 36 − (4 + 9 + 1) = 22; cov(gold,gold) = 36 − 12 = 24
        List<String> gold = List.of("a", "a", "b", "b", "c", "c");
        List<String> pred = List.of("a", "b", "b", "b", "c", "a");
        assertEquals(12 / Math.sqrt(22 * 24), ClassificationMetrics.mcc(gold, pred), 1e-12);
    }

    @Test
    void missingPredictionIsItsOwnWrongClassForMcc() {
        // gold 1 1 0 0, pred 1 - 0 0: classes 1 (t=2,p=1), 0 (t=2,p=2), missing (t=0,p=1); c=3, s=4
        // cov = 3·4 − (2 + 4) = 6; cov(p,p) = 16 − (1 + 4 + 1) = 10; cov(g,g) = 16 − 8 = 8 -> 6/sqrt(80)
        List<String> gold = List.of("1", "1", "0", "0");
        List<String> pred = Arrays.asList("1", null, "0", "0");
        assertEquals(6 / Math.sqrt(80), ClassificationMetrics.mcc(gold, pred), 1e-12);
        assertEquals(0.75, ClassificationMetrics.accuracy(gold, pred), 1e-12);
    }

    @Test
    void binaryF1OfPositiveClass() {
        // 2·TP / (2·TP + FP + FN) = 12 / 15
        assertEquals(0.8, ClassificationMetrics.f1(GOLD, PRED, "1"), 1e-12);
        // positive "0": TP=3, FP=2, FN=1 -> 6 / 9
        assertEquals(6.0 / 9, ClassificationMetrics.f1(GOLD, PRED, "0"), 1e-12);
        // no positive anywhere: sklearn's zero_division -> 0
        assertEquals(0.0, ClassificationMetrics.f1(repeat("0", 3), repeat("0", 3), "1"), 0.0);
    }

    @Test
    void missingPredictionOfPositiveRowIsFalseNegative() {
        // gold 1 1 0, pred 1 - 0: TP=1, FN=1 -> 2/3 ; a missing negative row changes nothing
        assertEquals(2.0 / 3, ClassificationMetrics.f1(List.of("1", "1", "0"), Arrays.asList("1", null, "0"), "1"), 1e-12);
        assertEquals(1.0, ClassificationMetrics.f1(List.of("1", "0"), Arrays.asList("1", null), "1"), 1e-12);
    }

    /** repeat("a", 2, "b", 1) = [a, a, b]. */
    static List<String> repeat(Object... labelCountPairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labelCountPairs.length; i += 2) {
            for (int k = 0; k < (Integer) labelCountPairs[i + 1]; k++) {
                out.add((String) labelCountPairs[i]);
            }
        }
        return out;
    }
}
