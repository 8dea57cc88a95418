package dev.electrabench.core.pretrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.RealCorpus;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ExampleBuilder against build_pretraining_dataset.py's _create_example, on a real article and on counted streams. */
class ExampleBuilderTest {
    private static final int L = 128;
    private final Vocab vocab = RealCorpus.vocab();
    private final WordPieceTokenizer tokenizer = RealCorpus.tokenizer();
    private final int cls = vocab.clsId();
    private final int sep = vocab.sepId();

    /** The first paragraphs of "Anarchism" (wiki_00), tokenized by the test itself. */
    private List<int[]> anarchismParagraphs(int count) {
        List<int[]> out = new ArrayList<>();
        try (CorpusReader reader = CorpusFormat.WIKIEXTRACTOR.open(RealCorpus.wikipediaFile(0))) {
            while (out.size() < count) {
                out.add(tokenizer.ids(reader.next()));
            }
        }
        return out;
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static int[] head(int[] a, int n) {
        return Arrays.copyOf(a, n);
    }

    @Test
    void realArticleWithoutRandomnessFollowsTheCreateExampleRule() {
        List<int[]> p = anarchismParagraphs(7);
        // word pieces: p0 "Anarchism is a political philosophy..." 93, p1 "As an anti-dogmatic..." 158,
        // p2 "Etymology and terminology." 4, p3 "The term "anarchism"..." 334, p4 "The first political
        // philosopher..." 124, p5 "History." 2, p6 "Origins." 2
        assertArrayEquals(new int[] {93, 158, 4, 334, 124, 2, 2}, p.stream().mapToInt(a -> a.length).toArray());
        ExampleBuilder builder = new ExampleBuilder(new ExampleBuilderConfig(L, 0, 0, 0, 5), cls, sep, 1);

        // example 1: 93 < 128, 93 + 158 = 251 ≥ 128 → build. first target (128 − 3) // 2 = 62.
        // p0 → A (A empty); p1: 93 + 158 < 62? no, overflow prob 0 → B. A = 93 ≤ 126, B cut to 128 − 93 − 3 = 32.
        assertNull(builder.addSentence(p.get(0)));
        PretrainingExample e1 = builder.addSentence(p.get(1));
        assertArrayEquals(concat(new int[] {cls}, p.get(0), new int[] {sep}, head(p.get(1), 32), new int[] {sep}), e1.ids());
        assertEquals(95, e1.firstSegmentEnd()); // [CLS] + 93 + [SEP]

        // example 2: 4, then 4 + 334 ≥ 128 → A = p2 (4), B = p3 cut to 128 − 4 − 3 = 121 → 1 + 4 + 1 + 121 + 1 = 128
        assertNull(builder.addSentence(p.get(2)));
        PretrainingExample e2 = builder.addSentence(p.get(3));
        assertArrayEquals(concat(new int[] {cls}, p.get(2), new int[] {sep}, head(p.get(3), 121), new int[] {sep}), e2.ids());
        assertEquals(6, e2.firstSegmentEnd());

        // example 3: 124, 126, 128 ≥ 128 → A = p4 (124); p5, p6 → B (4 tokens) cut to 128 − 124 − 3 = 1 ("history")
        assertNull(builder.addSentence(p.get(4)));
        assertNull(builder.addSentence(p.get(5)));
        PretrainingExample e3 = builder.addSentence(p.get(6));
        assertArrayEquals(concat(new int[] {cls}, p.get(4), new int[] {sep, vocab.id("history"), sep}), e3.ids());
        assertEquals(126, e3.firstSegmentEnd());
        // dropped: (158 − 32) + (334 − 121) + (4 − 1) = 126 + 213 + 3 = 342
        assertEquals(342, builder.droppedTokens());

        // padded row of example 3: 128 real tokens, segment ids 0 × 126 then 1 × 2
        int[] ids = new int[L];
        int[] types = new int[L];
        int[] mask = new int[L];
        e3.padInto(ids, types, mask);
        assertArrayEquals(e3.ids(), ids);
        assertEquals(126, IntStream.range(0, L).filter(i -> types[i] == 0).count());
        assertArrayEquals(new int[] {1, 1}, Arrays.copyOfRange(types, 126, 128));
        assertEquals(L, Arrays.stream(mask).sum());
    }

    @Test
    void singleSegmentExampleTakesEverySentenceIntoAAndPadsTheRest() {
        List<int[]> p = anarchismParagraphs(2);
        ExampleBuilder builder = new ExampleBuilder(new ExampleBuilderConfig(L, 1, 0, 0, 5), cls, sep, 1);
        assertNull(builder.addSentence(p.get(0)));
        PretrainingExample e = builder.addSentence(p.get(1));
        // first target 100000: p0 (93) and p1 go to A, A cut to 128 − 2 = 126 = 93 + 33 of p1; no B
        assertArrayEquals(concat(new int[] {cls}, p.get(0), head(p.get(1), 33), new int[] {sep}), e.ids());
        assertFalse(e.hasSecondSegment());

        // a document ending early gives a short example: "Etymology and terminology." = 4 pieces → 6 tokens
        assertNull(builder.addSentence(anarchismParagraphs(3).get(2)));
        PretrainingExample shortOne = builder.endDocument();
        assertEquals(6, shortOne.length());
        int[] ids = new int[L];
        int[] types = new int[L];
        int[] mask = new int[L];
        shortOne.padInto(ids, types, mask);
        assertEquals(6, Arrays.stream(mask).sum());
        assertEquals(0, Arrays.stream(types).sum());
        assertTrue(Arrays.stream(ids, 6, L).allMatch(id -> id == 0), "zero padding");
        assertEquals(sep, ids[5]);
        assertNull(builder.endDocument(), "an empty document makes no example");
    }

    /**
     * One long document of one-token sentences makes ELECTRA's random choices visible in each example:
     * <ul>
     *   <li>single-segment (p 0.1) ⇔ no B (a two-segment example with target ≥ 6 always has B);</li>
     *   <li>target length t is random (p 0.05, uniform in [5, 128]); for t ≤ 124 the example holds exactly t
     *       word pieces, while target 128 always gives 125 (two segments) or 126 (one) after the cuts —
     *       so P(content < 125) = 0.05 · 120/124;</li>
     *   <li>two-segment, target 128: first target 62, A grows to 61 and the 62nd sentence overflows into A
     *       with p 0.5 → A ∈ {61, 62} half and half, B = 128 − |A| − 3. (Random targets 125..127 also end at
     *       125 tokens, with A ∈ {60, 61} or {61, 62}; they are 0.05 · 3/124 = 0.1% of examples, far below
     *       the tolerance.)</li>
     * </ul>
     */
    @Test
    void randomChoicesHaveElectrasProportions() {
        int n = 20_000;
        List<PretrainingExample> examples = oneTokenSentenceExamples(n, 5);
        int single = 0;
        int shortOnes = 0;
        long shortLengthSum = 0;
        int fullTwoSegment = 0;
        int overflowed = 0;
        for (PretrainingExample e : examples) {
            int[] ids = e.ids();
            assertTrue(e.length() <= L);
            assertEquals(cls, ids[0]);
            assertEquals(sep, ids[e.firstSegmentEnd() - 1]);
            assertEquals(sep, ids[ids.length - 1]);
            int a = e.firstSegmentEnd() - 2;
            int b = e.hasSecondSegment() ? e.length() - e.firstSegmentEnd() - 1 : 0;
            int content = a + b;
            if (!e.hasSecondSegment()) {
                single++;
            }
            if (content < 125) {
                shortOnes++;
                shortLengthSum += content;
                assertTrue(content >= 5, "random target lengths start at 5");
            } else if (e.hasSecondSegment() && content == 125) {
                fullTwoSegment++;
                assertTrue(a >= 60 && a <= 62, "|A| = " + a);
                assertEquals(128 - a - 3, b);
                if (a == 62) {
                    overflowed++;
                } else if (a == 60) {
                    fullTwoSegment--; // target 125 or 126, not 128
                }
            }
        }
        assertWithinBinomial("single-segment", single, n, 0.1);
        assertWithinBinomial("random target length ≤ 124", shortOnes, n, 0.05 * 120 / 124);
        assertWithinBinomial("overflow into A", overflowed, fullTwoSegment, 0.5);
        // random lengths uniform over {5..124}: mean 64.5, SD sqrt((120² − 1)/12) = 34.6
        double sem = 34.6 / Math.sqrt(shortOnes);
        assertEquals(64.5, (double) shortLengthSum / shortOnes, 4 * sem, "mean random length");
    }

    @Test
    void sameSeedSameExamplesOtherSeedOtherExamples() {
        List<PretrainingExample> a = oneTokenSentenceExamples(300, 9);
        List<PretrainingExample> b = oneTokenSentenceExamples(300, 9);
        List<PretrainingExample> c = oneTokenSentenceExamples(300, 10);
        assertEquals(render(a), render(b));
        assertFalse(render(a).equals(render(c)));
    }

    private List<PretrainingExample> oneTokenSentenceExamples(int count, long seed) {
        ExampleBuilder builder = new ExampleBuilder(ExampleBuilderConfig.electra(L), cls, sep, seed);
        List<PretrainingExample> out = new ArrayList<>();
        for (int i = 0; out.size() < count; i++) {
            PretrainingExample e = builder.addSentence(new int[] {1000 + i % 20_000});
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String render(List<PretrainingExample> examples) {
        StringBuilder s = new StringBuilder();
        for (PretrainingExample e : examples) {
            s.append(Arrays.toString(e.ids())).append('/').append(e.firstSegmentEnd()).append('\n');
        }
        return s.toString();
    }

    static void assertWithinBinomial(String what, long hits, long trials, double p) {
        double sd = Math.sqrt(p * (1 - p) / trials);
        assertEquals(p, (double) hits / trials, 4 * sd, what + ": " + hits + " of " + trials);
    }
}
