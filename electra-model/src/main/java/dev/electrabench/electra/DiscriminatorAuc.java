package dev.electrabench.electra;

/**
 * ROC AUC of the discriminator's scores, replaced (label 1) vs original (label 0) tokens, over the real
 * tokens of a batch: google-research/electra reports it as {@code disc_auc}. It is the sensitive signal on
 * small models, whose discriminator often predicts "original" everywhere (accuracy pinned to 1 − replaced
 * fraction) while already ranking replaced tokens higher.
 *
 * <p>Computed exactly as the Mann–Whitney statistic: the probability that a random replaced token scores
 * above a random original one, ties counting one half (average ranks).
 */
public final class DiscriminatorAuc {
    private DiscriminatorAuc() {}

    /**
     * @param scores logits or probabilities (any monotone score), one per token
     * @param labels 1 replaced, 0 original
     * @param real   1 for real tokens, 0 for padding (ignored)
     * @return the AUC, or NaN when the real tokens hold only one class
     */
    public static double of(float[] scores, float[] labels, float[] real) {
        int n = 0;
        for (float r : real) {
            if (r != 0f) {
                n++;
            }
        }
        long[] keys = new long[n];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
            if (real[i] != 0f) {
                // sort by score, carrying the index: the float's order-preserving int bits in the high word
                int bits = Float.floatToIntBits(scores[i] == 0f ? 0f : scores[i]);
                int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
                keys[k++] = ((long) ordered << 32) | i;
            }
        }
        java.util.Arrays.sort(keys);
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            int tied = (int) (keys[start] >> 32);
            while (end < n && (int) (keys[end] >> 32) == tied) {
                end++;
            }
            double averageRank = (start + 1 + end) / 2.0; // ranks start+1 .. end
            for (int j = start; j < end; j++) {
                if (labels[(int) keys[j]] != 0f) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
