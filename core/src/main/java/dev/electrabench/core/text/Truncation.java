package dev.electrabench.core.text;

/**
 * HF tokenizers' "longest_first" truncation of a pair, as a rule on lengths. Not the legacy BERT loop
 * (drop the last token of the longer side, of B on ties), which gives A = ceil(m/2), B = floor(m/2)
 * where this rule gives the shorter side (A on ties) floor(m/2) and the longer ceil(m/2).
 */
public final class Truncation {
    private Truncation() {}

    /**
     * Lengths to keep of two sequences so that they fit {@code budget} together (max length minus the
     * special tokens). With s the shorter (A on equal lengths) and l the longer: nothing is cut when
     * s + l fits; else if 2s &lt;= budget the shorter stays whole and the longer keeps budget - s; else
     * the shorter keeps floor(budget/2) and the longer ceil(budget/2).
     *
     * @return {keptA, keptB}
     */
    public static int[] truncatedLengths(int lenA, int lenB, int budget) {
        if (lenA < 0 || lenB < 0 || budget < 0) {
            throw new IllegalArgumentException(
                    "lengths and budget must be >= 0, got " + lenA + ", " + lenB + ", " + budget);
        }
        if (lenA + lenB <= budget) {
            return new int[] {lenA, lenB};
        }
        boolean aIsShorter = lenA <= lenB;
        int shorter = aIsShorter ? lenA : lenB;
        int keepShorter;
        int keepLonger;
        if (2 * shorter <= budget) {
            keepShorter = shorter;
            keepLonger = budget - shorter;
        } else {
            keepShorter = budget / 2;
            keepLonger = budget - budget / 2;
        }
        return aIsShorter ? new int[] {keepShorter, keepLonger} : new int[] {keepLonger, keepShorter};
    }
}
