package dev.electrabench.core.pretrain.data;

import java.util.Arrays;

/**
 * One example before padding: {@code ids} = [CLS] A [SEP] or [CLS] A [SEP] B [SEP] (length ≤ L), and
 * {@code firstSegmentEnd} = |A| + 2, the index where segment 1 starts (= ids.length when there is no B).
 */
public record PretrainingExample(int[] ids, int firstSegmentEnd) {

    public int length() {
        return ids.length;
    }

    public boolean hasSecondSegment() {
        return firstSegmentEnd < ids.length;
    }

    /** Writes the padded row: ids then 0s ([PAD]), segment ids 0 for [CLS] A [SEP] and 1 for B [SEP], mask 1 on real tokens. */
    public void padInto(int[] inputIds, int[] tokenTypeIds, int[] attentionMask) {
        int length = ids.length;
        if (length > inputIds.length) {
            throw new IllegalArgumentException("example of " + length + " tokens does not fit in " + inputIds.length);
        }
        System.arraycopy(ids, 0, inputIds, 0, length);
        Arrays.fill(inputIds, length, inputIds.length, 0);
        Arrays.fill(tokenTypeIds, 0, firstSegmentEnd, 0);
        Arrays.fill(tokenTypeIds, firstSegmentEnd, length, 1);
        Arrays.fill(tokenTypeIds, length, tokenTypeIds.length, 0);
        Arrays.fill(attentionMask, 0, length, 1);
        Arrays.fill(attentionMask, length, attentionMask.length, 0);
    }
}
