package dev.electrabench.tasks.qa;

import dev.electrabench.tasks.Scorer;
import java.util.List;
import java.util.Map;

/**
 * Scores answer strings with the official evaluation of the SQuAD version ({@link SquadV1Evaluator},
 * {@link SquadV2Evaluator}); the paper-convention headline is {@code f1} (reported with
 * {@code exact_match}).
 */
public final class SquadScorer implements Scorer<SquadExample, String> {
    private final SquadVersion version;

    public SquadScorer(SquadVersion version) {
        this.version = version;
    }

    public SquadVersion version() {
        return version;
    }

    @Override
    public String primaryMetric() {
        return "f1";
    }

    @Override
    public Map<String, Double> score(List<SquadExample> examples, Map<String, String> predictions) {
        return score(examples, predictions, null, SquadV2Evaluator.DEFAULT_NA_PROB_THRESHOLD);
    }

    /** As {@link #score(List, Map)}, with v2.0 no-answer probabilities (ignored for v1.1, which has none). */
    public Map<String, Double> score(
            List<SquadExample> examples, Map<String, String> predictions, Map<String, Double> naProbs, double naProbThreshold) {
        return switch (version) {
            case V1_1 -> SquadV1Evaluator.evaluate(examples, predictions);
            case V2_0 -> SquadV2Evaluator.evaluate(examples, predictions, naProbs, naProbThreshold);
        };
    }
}
