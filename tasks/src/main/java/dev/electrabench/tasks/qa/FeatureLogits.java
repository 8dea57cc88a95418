package dev.electrabench.tasks.qa;

/**
 * The model output for one input window ("feature") over a paragraph, with what is needed to map token
 * positions back to the paragraph. Position 0 is [CLS], whose start+end logit is the "no answer" score.
 *
 * @param startLogits start logit per token position
 * @param endLogits end logit per token position
 * @param charStart for each position, the paragraph character offset where the token starts, or -1 if the
 *     position is not a paragraph token ([CLS], question, [SEP], padding)
 * @param charEnd for each position, the exclusive paragraph offset where the token ends (-1 if not paragraph)
 * @param maxContext for each position, whether this window gives the token its maximum context (with
 *     overlapping windows a span may only start at such tokens, as in BERT); null means all true
 */
public record FeatureLogits(float[] startLogits, float[] endLogits, int[] charStart, int[] charEnd, boolean[] maxContext) {
    public FeatureLogits {
        int n = startLogits.length;
        if (endLogits.length != n || charStart.length != n || charEnd.length != n
                || (maxContext != null && maxContext.length != n)) {
            throw new IllegalArgumentException("all per-position arrays must have the same length");
        }
        for (int i = 0; i < n; i++) {
            if ((charStart[i] < 0) != (charEnd[i] < 0) || (charStart[i] >= 0 && charEnd[i] <= charStart[i])) {
                throw new IllegalArgumentException("position " + i + " has char span [" + charStart[i] + ", " + charEnd[i] + ")");
            }
        }
    }

    public int length() {
        return startLogits.length;
    }

    /** Whether position {@code i} is a paragraph token. */
    public boolean inContext(int i) {
        return charStart[i] >= 0;
    }

    public boolean isMaxContext(int i) {
        return maxContext == null || maxContext[i];
    }

    /** Start logit + end logit of [CLS]: the "no answer" score of this window. */
    public double nullScore() {
        return (double) startLogits[0] + endLogits[0];
    }
}
