package dev.electrabench.tasks.tagging;

import dev.electrabench.tasks.Scorer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Scores predicted tag sequences with {@link ConllEval} (conlleval): keys of {@link EntityScores#asMap()}.
 * A sentence without prediction is scored as all O, so its entities count as missed.
 */
public final class EntityScorer implements Scorer<ConllSentence, List<String>> {

    @Override
    public String primaryMetric() {
        return "f1";
    }

    @Override
    public Map<String, Double> score(List<ConllSentence> examples, Map<String, List<String>> predictions) {
        return evaluate(examples, predictions).asMap();
    }

    /** The full result, with counts and per-type scores. */
    public EntityScores evaluate(List<ConllSentence> examples, Map<String, List<String>> predictions) {
        List<List<String>> gold = new ArrayList<>(examples.size());
        List<List<String>> predicted = new ArrayList<>(examples.size());
        for (ConllSentence s : examples) {
            gold.add(s.tags());
            predicted.add(predictions.getOrDefault(s.id(), Collections.nCopies(s.size(), "O")));
        }
        return ConllEval.evaluate(gold, predicted);
    }
}
