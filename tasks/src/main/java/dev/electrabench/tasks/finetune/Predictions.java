package dev.electrabench.tasks.finetune;

import java.util.Map;

/**
 * Decoded predictions of one split.
 *
 * @param byId     prediction per example id, in example order
 * @param nullOdds SQuAD 2.0 only: null score − best span score per question id (higher = more likely
 *                 unanswerable, the official evaluation's na-prob input); null otherwise
 */
public record Predictions<P>(Map<String, P> byId, Map<String, Double> nullOdds) {
    public static <P> Predictions<P> of(Map<String, P> byId) {
        return new Predictions<>(byId, null);
    }
}
