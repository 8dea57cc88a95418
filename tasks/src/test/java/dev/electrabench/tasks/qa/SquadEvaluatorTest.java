package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SquadEvaluatorTest {

    @Test
    void v1FirstGoldAnswerScoresPerfectOnRealDev() {
        List<SquadExample> dev = new SquadTask(SquadVersion.V1_1).examples(DataDir.resolve(), Split.DEV);
        Map<String, String> predictions = new HashMap<>();
        dev.forEach(e -> predictions.put(e.id(), e.answers().get(0).text()));
        Map<String, Double> scores = SquadV1Evaluator.evaluate(dev, predictions);
        assertEquals(100.0, scores.get("exact_match"), 1e-9);
        assertEquals(100.0, scores.get("f1"), 1e-9);
        assertEquals(10570.0, scores.get("total"));
        assertEquals(0.0, scores.get("missing"));
    }

    @Test
    void v1MissingPredictionsScoreZeroButCount() {
        List<SquadExample> dev = new SquadTask(SquadVersion.V1_1).examples(DataDir.resolve(), Split.DEV);
        // only the first question ("Denver Broncos" three times) is answered, with "Broncos":
        // F1 = 2·1·0.5 / 1.5 = 2/3, EM 0; averaged over all 10570 questions
        Map<String, Double> scores = SquadV1Evaluator.evaluate(dev, Map.of(dev.get(0).id(), "Broncos"));
        assertEquals(0.0, scores.get("exact_match"));
        assertEquals(100.0 * (2.0 / 3) / 10570, scores.get("f1"), 1e-12);
        assertEquals(10569.0, scores.get("missing"));
    }

    @Test
    void v1RejectsQuestionsWithoutGold() {
        SquadExample unanswerable = new SquadExample("q", "T", 0, "c", "?", List.of(), true);
        assertThrows(IllegalArgumentException.class, () -> SquadV1Evaluator.evaluate(List.of(unanswerable), Map.of("q", "")));
    }

    private static SquadExample question(String id, String... answers) {
        return new SquadExample(id, "T", 0, "context", "?",
                java.util.Arrays.stream(answers).map(a -> new SquadAnswer(a, 0)).toList(), answers.length == 0);
    }

    /**
     * q1 answerable, predicted right; q2 answerable, "Santa Clara" for "Santa Clara, California" (F1 0.8);
     * q3 unanswerable, abstains; q4 unanswerable, answers; q5's only gold normalizes to "" so gold = [""],
     * and it abstains. Raw exact 1 0 1 0 1, raw F1 1 0.8 1 0 1.
     */
    private static final List<SquadExample> V2 = List.of(
            question("q1", "Denver Broncos", "the Denver Broncos"),
            question("q2", "Santa Clara, California"),
            question("q3"),
            question("q4"),
            question("q5", "The"));
    private static final Map<String, String> V2_PREDICTIONS = Map.of(
            "q1", "Denver Broncos", "q2", "Santa Clara", "q3", "", "q4", "Levi's Stadium", "q5", "");

    private static Map<String, Double> naProbs() {
        Map<String, Double> p = new LinkedHashMap<>(); // file order matters for ties
        p.put("q1", 0.1);
        p.put("q2", 0.6);
        p.put("q3", 0.9);
        p.put("q4", 0.3);
        p.put("q5", 0.6);
        return p;
    }

    @Test
    void v2SplitsIntoHasAnsAndNoAns() {
        // These are also the official evaluate-v2.0.py's numbers on this data (checked by hand in Python).
        Map<String, Double> s = SquadV2Evaluator.evaluate(V2, V2_PREDICTIONS, null, 1.0);
        assertEquals(60.0, s.get("exact_match"), 1e-9);              // 3 / 5
        assertEquals(76.0, s.get("f1"), 1e-9);                       // 3.8 / 5
        assertEquals(5.0, s.get("total"));
        assertEquals(100.0 * 2 / 3, s.get("HasAns_exact"), 1e-9);    // q1 q2 q5
        assertEquals(100.0 * 2.8 / 3, s.get("HasAns_f1"), 1e-9);
        assertEquals(3.0, s.get("HasAns_total"));
        assertEquals(50.0, s.get("NoAns_exact"), 1e-9);              // q3 q4
        assertEquals(50.0, s.get("NoAns_f1"), 1e-9);
        assertEquals(2.0, s.get("NoAns_total"));
        assertFalse(s.containsKey("best_f1"));
    }

    @Test
    void v2ThresholdTurnsConfidentNoAnswersIntoAbstentions() {
        // threshold 0.5: q2 (0.6, answerable) -> 0, q3 (0.9, unanswerable) -> 1, q5 (0.6, answerable) -> 0
        // exact = q1 1 + q3 1 = 2 / 5; F1 the same
        Map<String, Double> s = SquadV2Evaluator.evaluate(V2, V2_PREDICTIONS, naProbs(), 0.5);
        assertEquals(40.0, s.get("exact_match"), 1e-9);
        assertEquals(40.0, s.get("f1"), 1e-9);
        assertEquals(100.0 / 3, s.get("HasAns_exact"), 1e-9);
    }

    @Test
    void v2BestThresholdSearch() {
        // start: all abstain = 2 (q3, q4). In na-prob order q1 .1 (+1 -> 3, best, thresh .1), q4 .3 (-1 -> 2),
        // q2 .6 (exact +0 / F1 +0.8), q5 .6 (+1 -> exact 3 / F1 3.8, best F1 at .6), q3 .9 (+0)
        Map<String, Double> s = SquadV2Evaluator.evaluate(V2, V2_PREDICTIONS, naProbs(), 1.0);
        assertEquals(60.0, s.get("best_exact"), 1e-9);
        assertEquals(0.1, s.get("best_exact_thresh"), 0.0);
        assertEquals(76.0, s.get("best_f1"), 1e-9);
        assertEquals(0.6, s.get("best_f1_thresh"), 0.0);
    }

    @Test
    void v2TiedProbabilitiesAreWalkedInFileOrder() {
        // a: answerable, right; b: unanswerable but answered; same probability.
        List<SquadExample> qs = List.of(question("a", "x"), question("b"));
        Map<String, String> preds = Map.of("a", "x", "b", "y");
        Map<String, Double> aFirst = new LinkedHashMap<>();
        aFirst.put("a", 0.5);
        aFirst.put("b", 0.5);
        // start 1 (b abstains); a: +1 -> 2 = best at 0.5 -> 100%
        assertEquals(100.0, SquadV2Evaluator.evaluate(qs, preds, aFirst, 1.0).get("best_exact"), 1e-9);
        Map<String, Double> bFirst = new LinkedHashMap<>();
        bFirst.put("b", 0.5);
        bFirst.put("a", 0.5);
        // b: -1 -> 0, a: +1 -> 1, never above the start -> 50%, threshold 0
        Map<String, Double> s = SquadV2Evaluator.evaluate(qs, preds, bFirst, 1.0);
        assertEquals(50.0, s.get("best_exact"), 1e-9);
        assertEquals(0.0, s.get("best_exact_thresh"));
    }

    @Test
    void v2MissingPredictionsScoreZeroInEveryTotal() {
        Map<String, String> partial = new HashMap<>(V2_PREDICTIONS);
        partial.remove("q1");
        Map<String, Double> s = SquadV2Evaluator.evaluate(V2, partial, null, 1.0);
        assertEquals(40.0, s.get("exact_match"), 1e-9); // q3, q5 of 5
        assertEquals(100.0 / 3, s.get("HasAns_exact"), 1e-9);
        assertEquals(1.0, s.get("missing"));
    }

    @Test
    void v2NeedsANaProbForEveryPrediction() {
        Map<String, Double> p = naProbs();
        p.remove("q4");
        assertThrows(IllegalArgumentException.class, () -> SquadV2Evaluator.evaluate(V2, V2_PREDICTIONS, p, 1.0));
    }
}
