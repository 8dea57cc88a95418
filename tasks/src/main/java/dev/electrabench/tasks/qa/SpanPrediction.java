package dev.electrabench.tasks.qa;

import java.util.List;

/**
 * A decoded answer.
 *
 * @param text the answer (a substring of the paragraph; empty when "no answer" is predicted)
 * @param nullScoreDiff SQuAD 2.0: min null score − best span score (the "null odds" written for the
 *     official evaluation; above the threshold means "no answer"); NaN for SQuAD 1.1
 * @param nBest the n-best list, best first, distinct texts
 */
public record SpanPrediction(String text, double nullScoreDiff, List<SpanCandidate> nBest) {
    public SpanPrediction {
        nBest = List.copyOf(nBest);
    }
}
