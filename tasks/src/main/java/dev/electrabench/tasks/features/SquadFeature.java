package dev.electrabench.tasks.features;

/**
 * One SQuAD window: {@code [CLS] question [SEP] paragraph window [SEP]}.
 *
 * @param input         the encoded window
 * @param startPosition answer-start token index, 0 ([CLS]) when the answer is not inside this window, the
 *                      question has none (SQuAD 2.0) or the row is for evaluation
 * @param endPosition   answer-end token index (inclusive), 0 like {@link #startPosition}
 * @param charStart     per position, the paragraph character offset where the token starts, -1 for
 *                      [CLS], question, [SEP] and padding
 * @param charEnd       per position, the exclusive paragraph offset where the token ends, -1 likewise
 * @param maxContext    per position, whether this window gives the paragraph token its most context
 *                      (BERT's {@code token_is_max_context}); false off the paragraph
 */
public record SquadFeature(InputFeature input, int startPosition, int endPosition, int[] charStart, int[] charEnd,
                           boolean[] maxContext) {

    /** Whether the target is a span in this window rather than [CLS]. */
    public boolean hasAnswer() {
        return startPosition > 0;
    }
}
