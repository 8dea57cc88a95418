package dev.electrabench.tasks.features;

import java.util.Arrays;

/**
 * One model input row, padded to the maximum sequence length.
 *
 * @param example       index of the example it came from in the featurized list (several rows may share one:
 *                      SQuAD windows, long CoNLL sentences, MRPC / STS-B swapped pairs)
 * @param inputIds      {@code [CLS] ... [SEP] [PAD]...}
 * @param tokenTypeIds  0 for the first segment (with [CLS] and its [SEP]), 1 for the second, 0 on padding
 * @param attentionMask 1 on real tokens, 0 on padding
 */
public record InputFeature(int example, int[] inputIds, int[] tokenTypeIds, int[] attentionMask) {

    /** Real (unpadded) tokens: padding is always at the end. */
    public int realLength() {
        int n = 0;
        while (n < attentionMask.length && attentionMask[n] == 1) {
            n++;
        }
        return n;
    }

    public int length() {
        return inputIds.length;
    }

    /** The first {@code used} entries of {@code ids} / {@code types}, padded with {@code padId} to {@code maxSeqLength}. */
    static InputFeature padded(int example, int[] ids, int[] types, int used, int maxSeqLength, int padId) {
        if (used > maxSeqLength) {
            throw new IllegalArgumentException(used + " tokens exceed max_seq_length " + maxSeqLength);
        }
        int[] inputIds = Arrays.copyOf(ids, maxSeqLength);
        int[] tokenTypes = Arrays.copyOf(types, maxSeqLength);
        int[] mask = new int[maxSeqLength];
        Arrays.fill(inputIds, used, maxSeqLength, padId);
        Arrays.fill(tokenTypes, used, maxSeqLength, 0);
        Arrays.fill(mask, 0, used, 1);
        return new InputFeature(example, inputIds, tokenTypes, mask);
    }
}
