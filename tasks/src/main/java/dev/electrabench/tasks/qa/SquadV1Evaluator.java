package dev.electrabench.tasks.qa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official SQuAD v1.1 evaluation: per question the maximum exact match and F1 over its gold answers,
 * averaged ×100 over all questions; a question without prediction scores 0 (the script's "Unanswered
 * question ... will receive score 0"). Keys: {@code exact_match}, {@code f1}, {@code total},
 * {@code missing}.
 */
public final class SquadV1Evaluator {
    private SquadV1Evaluator() {}

    public static Map<String, Double> evaluate(List<SquadExample> questions, Map<String, String> predictions) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no questions to score");
        }
        double exact = 0;
        double f1 = 0;
        int missing = 0;
        for (SquadExample q : questions) {
            if (q.answers().isEmpty()) {
                throw new IllegalArgumentException("question " + q.id()
                        + " has no gold answer: SQuAD 2.0 data needs the v2.0 evaluation");
            }
            String predicted = predictions.get(q.id());
            if (predicted == null) {
                missing++;
                continue;
            }
            double bestExact = 0;
            double bestF1 = 0;
            for (SquadAnswer gold : q.answers()) {
                bestExact = Math.max(bestExact, AnswerMetrics.exact(gold.text(), predicted));
                bestF1 = Math.max(bestF1, AnswerMetrics.f1V1(gold.text(), predicted));
            }
            exact += bestExact;
            f1 += bestF1;
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("exact_match", 100 * exact / questions.size());
        result.put("f1", 100 * f1 / questions.size());
        result.put("total", (double) questions.size());
        result.put("missing", (double) missing);
        return result;
    }
}
