package dev.electrabench.core.text;

/**
 * Model inputs for one text or text pair, all arrays of the same length (special tokens and padding
 * included), as HF's {@code BertTokenizer} returns them.
 *
 * @param inputIds      vocabulary ids: {@code [CLS] A [SEP] (B [SEP]) [PAD]...}
 * @param tokenTypeIds  0 for [CLS], A, the first [SEP] and padding; 1 for B and the last [SEP]
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param tokens        the vocabulary strings of {@code inputIds}
 * @param offsets       per token {start, end} in its own text (A pieces in the text, B pieces in the
 *                      pair); (0, 0) for special tokens and padding
 */
public record Encoding(int[] inputIds, int[] tokenTypeIds, int[] attentionMask, String[] tokens, int[][] offsets) {

    public int length() {
        return inputIds.length;
    }
}
