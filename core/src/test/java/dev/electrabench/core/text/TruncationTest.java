package dev.electrabench.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** HF's longest-first rule, on lengths worked out by hand from the rule in the fixtures README. */
class TruncationTest {
    private static final int BUDGET = 29; // max_length 32 minus [CLS] [SEP] [SEP]

    @Test
    void nothingIsCutWhenBothFit() {
        assertArrayEquals(new int[] {10, 19}, Truncation.truncatedLengths(10, 19, BUDGET)); // 29 <= 29
    }

    @Test
    void shortSideStaysWholeWhenItIsAtMostHalf() {
        // s = 5, 2s = 10 <= 29 -> longer keeps 29 - 5 = 24, whichever side it is
        assertArrayEquals(new int[] {5, 24}, Truncation.truncatedLengths(5, 40, BUDGET));
        assertArrayEquals(new int[] {24, 5}, Truncation.truncatedLengths(40, 5, BUDGET));
        // s = 14, 2s = 28 <= 29 -> 14 and 15
        assertArrayEquals(new int[] {14, 15}, Truncation.truncatedLengths(14, 100, BUDGET));
        // an empty side: the other keeps the whole budget
        assertArrayEquals(new int[] {0, 29}, Truncation.truncatedLengths(0, 50, BUDGET));
    }

    @Test
    void bothCutGivesTheShorterSideTheFloorHalf() {
        // README examples: (16, 19) and (17, 32) -> shorter A floor(29/2) = 14, longer B ceil = 15
        assertArrayEquals(new int[] {14, 15}, Truncation.truncatedLengths(16, 19, BUDGET));
        assertArrayEquals(new int[] {14, 15}, Truncation.truncatedLengths(17, 32, BUDGET));
        // B shorter: B gets 14, A 15 (the legacy rule would give the same here only by accident)
        assertArrayEquals(new int[] {15, 14}, Truncation.truncatedLengths(32, 17, BUDGET));
    }

    @Test
    void onEqualLengthsATakesTheShorterShare() {
        // tie: A counts as the shorter -> A 14, B 15 (legacy BERT would give A 15, B 14)
        assertArrayEquals(new int[] {14, 15}, Truncation.truncatedLengths(20, 20, BUDGET));
        // even budget 30: both 15
        assertArrayEquals(new int[] {15, 15}, Truncation.truncatedLengths(20, 20, 30));
    }

    @Test
    void singleTextIsTheCaseOfAnEmptyPair() {
        assertArrayEquals(new int[] {30, 0}, Truncation.truncatedLengths(45, 0, 30));
    }

    @Test
    void negativeInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Truncation.truncatedLengths(3, 4, -1));
        assertThrows(IllegalArgumentException.class, () -> Truncation.truncatedLengths(-3, 4, 10));
    }
}
