package dev.electrabench.tasks.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.classification.GlueExample;
import dev.electrabench.tasks.classification.GlueTasks;
import dev.electrabench.tasks.features.GlueFeature;
import dev.electrabench.tasks.features.SquadFeature;
import dev.electrabench.tasks.qa.SquadAnswer;
import dev.electrabench.tasks.qa.SquadExample;
import dev.electrabench.tasks.qa.SquadTask;
import dev.electrabench.tasks.qa.SquadVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How head outputs become predictions: STS-B × 5, label order, SQuAD 2.0's [CLS] null score. */
class AdapterDecodingTest {
    private static final WordPieceTokenizer TOKENIZER =
            new WordPieceTokenizer(Vocab.load(DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt")));

    @Test
    void stsbOutputsAreScaledBackToZeroToFive() {
        GlueAdapter a = new GlueAdapter(GlueTasks.STSB, TOKENIZER, 32);
        List<GlueExample> ex = List.of(new GlueExample("dev-0", 0, "a man sings .", "a man is singing .", null, 4.2),
                new GlueExample("dev-1", 1, "a cat .", "the stock fell .", null, 0.0));
        List<GlueFeature> rows = a.featurize(ex, false);
        Predictions<String> p = a.predict(ex, rows, List.of(new float[] {0.84f}, new float[] {-0.1f}));
        assertEquals(Map.of("dev-0", "4.2000", "dev-1", "-0.5000"), p.byId()); // 0.84 × 5, −0.1 × 5
        assertEquals(1, a.numLabels());
    }

    @Test
    void classLogitsMapToTheTasksLabelOrder() {
        GlueAdapter a = new GlueAdapter(GlueTasks.RTE, TOKENIZER, 32);
        List<GlueExample> ex = List.of(new GlueExample("dev-0", 0, "x", "y", "entailment", null),
                new GlueExample("dev-1", 1, "x", "z", "not_entailment", null));
        Predictions<String> p = a.predict(ex, a.featurize(ex, false), List.of(new float[] {0.3f, -1f}, new float[] {0f, 2f}));
        assertEquals(Map.of("dev-0", "entailment", "dev-1", "not_entailment"), p.byId());
        assertEquals(100.0, a.score(ex, p).get("accuracy"));
    }

    @Test
    void squad2PredictsNoAnswerWhenTheClsScoreBeatsTheBestSpan() {
        SquadAdapter a = new SquadAdapter(new SquadTask(SquadVersion.V2_0), SquadVersion.V2_0, TOKENIZER, 32);
        String context = "The Normans were in Normandy.";
        List<SquadExample> ex = List.of(
                new SquadExample("q1", "t", 0, context, "Where were the Normans?", List.of(new SquadAnswer("Normandy", 20)), false),
                new SquadExample("q2", "t", 0, context, "Who ate the cake?", List.of(), true));
        List<SquadFeature> rows = a.featurize(ex, true);
        assertEquals(2, rows.size());
        // training targets: "normandy" is the 5th paragraph piece; the unanswerable question targets [CLS]
        SquadFeature f = rows.get(0);
        assertEquals("Normandy", context.substring(f.charStart()[f.startPosition()], f.charEnd()[f.endPosition()]));
        assertEquals(0, rows.get(1).startPosition());
        assertEquals(0, rows.get(1).endPosition());

        int answer = f.startPosition();
        // q1: span (normandy, normandy) scores 3 + 3 = 6, [CLS] 1 + 1 = 2 → null odds 2 − 6 = −4 < 0: answer
        // q2: best span 3 + 3 = 6 again, [CLS] 5 + 4 = 9 → null odds 9 − 6 = 3 > 0: no answer
        float[] out1 = new float[32 * 2];
        float[] out2 = new float[32 * 2];
        out1[0] = 1;
        out1[1] = 1;
        out1[2 * answer] = 3;
        out1[2 * answer + 1] = 3;
        out2[0] = 5;
        out2[1] = 4;
        out2[2 * answer] = 3;
        out2[2 * answer + 1] = 3;
        Predictions<String> p = a.predict(ex, rows, List.of(out1, out2));
        assertEquals("Normandy", p.byId().get("q1"));
        assertEquals("", p.byId().get("q2"));
        assertEquals(-4.0, p.nullOdds().get("q1"), 1e-6);
        assertEquals(3.0, p.nullOdds().get("q2"), 1e-6);
        Map<String, Double> scores = a.score(ex, p);
        assertEquals(100.0, scores.get("exact_match"));
        assertEquals(100.0, scores.get("NoAns_exact"));
    }
}
