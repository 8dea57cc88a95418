package dev.electrabench.tasks.qa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official SQuAD v2.0 evaluation ({@code evaluate-v2.0.py}). Gold answers are those whose
 * normalization is non-empty, or {@code [""]} for an unanswerable question; per question the maximum
 * exact match and F1 (v2.0 F1: empty vs empty = 1). With no-answer probabilities, a question whose
 * probability exceeds {@code naProbThreshold} counts as predicted unanswerable, and the best thresholds
 * are searched as the official {@code find_best_thresh} does (ties in file order of the na-prob map).
 *
 * <p>Keys: {@code exact_match}, {@code f1}, {@code total}, {@code HasAns_exact}, {@code HasAns_f1},
 * {@code HasAns_total}, {@code NoAns_exact}, {@code NoAns_f1}, {@code NoAns_total} (each split only if
 * non-empty), {@code best_exact}, {@code best_exact_thresh}, {@code best_f1}, {@code best_f1_thresh}
 * (only with na-probs) and {@code missing}.
 *
 * <p>Missing predictions: the official script drops them from the overall total and then fails on the
 * HasAns/NoAns splits; here they score 0 and stay in every total (as in v1.1). Without missing
 * predictions both agree.
 */
public final class SquadV2Evaluator {
    private SquadV2Evaluator() {}

    /** The official default: only a probability above 1 predicts "no answer", i.e. never for probabilities. */
    public static final double DEFAULT_NA_PROB_THRESHOLD = 1.0;

    /**
     * @param naProbs no-answer probability (or any score, higher = more likely unanswerable) per question id,
     *     in file order; null if none. Every predicted question needs one.
     */
    public static Map<String, Double> evaluate(
            List<SquadExample> questions, Map<String, String> predictions, Map<String, Double> naProbs, double naProbThreshold) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no questions to score");
        }
        Map<String, Double> rawExact = new LinkedHashMap<>();
        Map<String, Double> rawF1 = new LinkedHashMap<>();
        Map<String, Boolean> hasAnswer = new LinkedHashMap<>();
        for (SquadExample q : questions) {
            hasAnswer.put(q.id(), q.hasAnswer());
            String predicted = predictions.get(q.id());
            if (predicted == null) {
                continue;
            }
            List<String> golds = new ArrayList<>();
            for (SquadAnswer a : q.answers()) {
                if (!AnswerNormalizer.normalize(a.text()).isEmpty()) {
                    golds.add(a.text());
                }
            }
            if (golds.isEmpty()) {
                golds.add("");
            }
            double bestExact = 0;
            double bestF1 = 0;
            for (String gold : golds) {
                bestExact = Math.max(bestExact, AnswerMetrics.exact(gold, predicted));
                bestF1 = Math.max(bestF1, AnswerMetrics.f1V2(gold, predicted));
            }
            rawExact.put(q.id(), bestExact);
            rawF1.put(q.id(), bestF1);
        }
        if (naProbs != null) {
            for (String id : rawExact.keySet()) {
                if (!naProbs.containsKey(id)) {
                    throw new IllegalArgumentException("no no-answer probability for question " + id);
                }
            }
        }
        Map<String, Double> exact = applyThreshold(rawExact, naProbs, hasAnswer, naProbThreshold);
        Map<String, Double> f1 = applyThreshold(rawF1, naProbs, hasAnswer, naProbThreshold);

        List<String> all = new ArrayList<>(hasAnswer.keySet());
        List<String> answerable = new ArrayList<>();
        List<String> unanswerable = new ArrayList<>();
        for (String id : all) {
            (hasAnswer.get(id) ? answerable : unanswerable).add(id);
        }
        Map<String, Double> result = new LinkedHashMap<>();
        addSplit(result, "", all, exact, f1);
        if (!answerable.isEmpty()) {
            addSplit(result, "HasAns_", answerable, exact, f1);
        }
        if (!unanswerable.isEmpty()) {
            addSplit(result, "NoAns_", unanswerable, exact, f1);
        }
        if (naProbs != null) {
            double[] bestExact = bestThreshold(predictions, rawExact, naProbs, hasAnswer, all.size());
            double[] bestF1 = bestThreshold(predictions, rawF1, naProbs, hasAnswer, all.size());
            result.put("best_exact", bestExact[0]);
            result.put("best_exact_thresh", bestExact[1]);
            result.put("best_f1", bestF1[0]);
            result.put("best_f1_thresh", bestF1[1]);
        }
        result.put("missing", (double) (all.size() - rawExact.size()));
        return result;
    }

    /** {@code apply_no_ans_threshold}: above the threshold the prediction is "no answer". */
    private static Map<String, Double> applyThreshold(
            Map<String, Double> scores, Map<String, Double> naProbs, Map<String, Boolean> hasAnswer, double threshold) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            double naProb = naProbs == null ? 0.0 : naProbs.get(e.getKey());
            boolean predictedNoAnswer = naProb > threshold;
            out.put(e.getKey(), predictedNoAnswer ? (hasAnswer.get(e.getKey()) ? 0.0 : 1.0) : e.getValue());
        }
        return out;
    }

    /** {@code make_eval_dict} over {@code ids}, a missing score counting 0. */
    private static void addSplit(Map<String, Double> result, String prefix, List<String> ids,
            Map<String, Double> exact, Map<String, Double> f1) {
        double exactSum = 0;
        double f1Sum = 0;
        for (String id : ids) {
            exactSum += exact.getOrDefault(id, 0.0);
            f1Sum += f1.getOrDefault(id, 0.0);
        }
        result.put(prefix.isEmpty() ? "exact_match" : prefix + "exact", 100 * exactSum / ids.size());
        result.put(prefix + "f1", 100 * f1Sum / ids.size());
        result.put(prefix + "total", (double) ids.size());
    }

    /**
     * {@code find_best_thresh}: start with every question predicted unanswerable (score = number of
     * unanswerable questions), then admit questions in increasing na-prob order, tracking the best total.
     *
     * @return {best score ×100 / total, its threshold}
     */
    private static double[] bestThreshold(Map<String, String> predictions, Map<String, Double> rawScores,
            Map<String, Double> naProbs, Map<String, Boolean> hasAnswer, int total) {
        double current = 0;
        for (Map.Entry<String, Boolean> e : hasAnswer.entrySet()) {
            // a question without prediction cannot be counted as correctly abstained
            if (!e.getValue() && rawScores.containsKey(e.getKey())) {
                current++;
            }
        }
        double best = current;
        double bestThreshold = 0.0;
        List<Map.Entry<String, Double>> byProbability = new ArrayList<>(naProbs.entrySet());
        byProbability.sort(Map.Entry.comparingByValue()); // stable, like Python's sorted
        for (Map.Entry<String, Double> e : byProbability) {
            String id = e.getKey();
            if (!rawScores.containsKey(id)) {
                continue;
            }
            double diff;
            if (hasAnswer.get(id)) {
                diff = rawScores.get(id);
            } else {
                diff = predictions.get(id).isEmpty() ? 0 : -1;
            }
            current += diff;
            if (current > best) {
                best = current;
                bestThreshold = e.getValue();
            }
        }
        return new double[] {100 * best / total, bestThreshold};
    }
}
