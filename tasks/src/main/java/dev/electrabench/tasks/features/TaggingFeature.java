package dev.electrabench.tasks.features;

/**
 * A CoNLL row (one sentence, or one window of a long sentence).
 *
 * @param input     the encoded words
 * @param labels    per position: the label id of the word whose first sub-token is there, else -1 (other
 *                  sub-tokens, [CLS], [SEP], padding): those positions have weight 0 in the loss
 * @param wordIndex per position: index in the sentence of the word whose first sub-token is there, else -1
 */
public record TaggingFeature(InputFeature input, int[] labels, int[] wordIndex) {

    /** 1 where the loss counts (a labelled first sub-token), else 0. */
    public int[] weights() {
        int[] w = new int[labels.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = labels[i] >= 0 ? 1 : 0;
        }
        return w;
    }
}
