package dev.electrabench.tasks.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * conlleval edge cases worked by hand from the script's startOfChunk / endOfChunk rules (a chunk starts at
 * B-, at I- after O, and at a type change; it ends before B-, O or a type change; sentence boundaries
 * are O).
 */
class ConllEvalTest {

    private static List<String> tags(String spaceSeparated) {
        return Arrays.asList(spaceSeparated.split(" "));
    }

    private static EntityScores one(String gold, String predicted) {
        return ConllEval.evaluate(List.of(tags(gold)), List.of(tags(predicted)));
    }

    private static void assertCounts(EntityScores s, int gold, int predicted, int correct) {
        assertEquals(new TypeScores(gold, predicted, correct), s.overall());
    }

    @Test
    void iAfterOStartsAChunkSoIob1AndIob2Agree() {
        // gold IOB1 "O I-PER I-PER O" and predicted IOB2 "O B-PER I-PER O" are the same chunk PER[1..2]
        EntityScores s = one("O I-PER I-PER O", "O B-PER I-PER O");
        assertCounts(s, 1, 1, 1);
        assertEquals(100.0, s.f1(), 1e-12);
        // token accuracy compares tags literally: I-PER vs B-PER at token 1 differ -> 3/4
        assertEquals(75.0, s.accuracy(), 1e-12);
    }

    @Test
    void typeChangeInsideARunSplitsIt() {
        // gold I-PER I-LOC = PER[0] + LOC[1]; predicted I-PER I-PER = PER[0..1]: nothing matches
        EntityScores s = one("I-PER I-LOC", "I-PER I-PER");
        assertCounts(s, 2, 1, 0);
        assertEquals(0.0, s.precision());
        assertEquals(0.0, s.f1());
        // predicting the split with B- tags finds both
        assertCounts(one("I-PER I-LOC", "B-PER B-LOC"), 2, 2, 2);
    }

    @Test
    void bAfterISameTypeStartsANewChunk() {
        // gold I-PER I-PER B-PER = PER[0..1] + PER[2]; predicted B-PER I-PER I-PER = PER[0..2]
        assertCounts(one("I-PER I-PER B-PER", "B-PER I-PER I-PER"), 2, 1, 0);
        // predicted I-PER B-PER B-PER = PER[0], PER[1], PER[2]: only PER[2] matches
        // P = 1/3, R = 1/2, F1 = 2·(100/3)·50 / (100/3 + 50) = 40
        EntityScores s = one("I-PER I-PER B-PER", "I-PER B-PER B-PER");
        assertCounts(s, 2, 3, 1);
        assertEquals(100.0 / 3, s.precision(), 1e-12);
        assertEquals(50.0, s.recall(), 1e-12);
        assertEquals(40.0, s.f1(), 1e-12);
    }

    @Test
    void chunksEndAtSentenceEnd() {
        // sentence 1 ends with a PER, sentence 2 starts with I-PER: two chunks, not one spanning the boundary
        List<List<String>> gold = List.of(tags("O B-PER"), tags("I-PER O"));
        assertCounts(ConllEval.evaluate(gold, gold), 2, 2, 2);
        // a prediction joining them cannot exist across sentences; B-PER in sentence 2 is the same chunk
        assertCounts(ConllEval.evaluate(gold, List.of(tags("O B-PER"), tags("B-PER O"))), 2, 2, 2);
        // a chunk running to the last token of the last sentence is closed and counted
        assertCounts(one("O B-LOC I-LOC", "O B-LOC I-LOC"), 1, 1, 1);
        // ... but not if the prediction stops early
        assertCounts(one("O B-LOC I-LOC", "O B-LOC O"), 1, 1, 0);
    }

    @Test
    void allOSentence() {
        // no chunks anywhere: conlleval prints 0 precision / recall / F1, accuracy 100
        EntityScores s = one("O O O", "O O O");
        assertCounts(s, 0, 0, 0);
        assertEquals(0.0, s.f1());
        assertEquals(100.0, s.accuracy());
        assertEquals(0, s.perType().size());
        // an all-O sentence next to one with an entity only adds tokens
        EntityScores mixed = ConllEval.evaluate(List.of(tags("O O"), tags("B-ORG")), List.of(tags("O B-MISC"), tags("B-ORG")));
        assertCounts(mixed, 1, 2, 1);
        assertEquals(200.0 / 3, mixed.accuracy(), 1e-12); // 2 of 3 tokens
    }

    @Test
    void wrongTypeOrBoundaryInsideAGoldChunk() {
        // predicted B-ORG I-LOC = ORG[0] + LOC[1] against ORG[0..1]
        assertCounts(one("B-ORG I-ORG", "B-ORG I-LOC"), 1, 2, 0);
        // right span, wrong type
        assertCounts(one("B-ORG I-ORG", "B-LOC I-LOC"), 1, 1, 0);
    }

    @Test
    void perTypeScores() {
        // gold PER[0] LOC[2..3] LOC[5]; predicted PER[0] LOC[2..3] ORG[5]
        EntityScores s = one("B-PER O B-LOC I-LOC O B-LOC", "B-PER O B-LOC I-LOC O B-ORG");
        assertCounts(s, 3, 3, 2);
        assertEquals(new TypeScores(1, 1, 1), s.perType().get("PER"));
        assertEquals(new TypeScores(2, 1, 1), s.perType().get("LOC"));
        assertEquals(new TypeScores(0, 1, 0), s.perType().get("ORG"));
        assertEquals(List.of("LOC", "ORG", "PER"), List.copyOf(s.perType().keySet()));
        assertEquals(50.0, s.perType().get("LOC").recall(), 1e-12);
        assertEquals(100.0 * 2 / 3, s.f1(), 1e-12); // P = R = 2/3
        assertEquals(100.0 * 5 / 6, s.accuracy(), 1e-12);
        assertEquals(100.0 * 2 / 3, s.asMap().get("f1"), 1e-12);
        assertEquals(0.0, s.asMap().get("ORG.f1"));
    }
}
