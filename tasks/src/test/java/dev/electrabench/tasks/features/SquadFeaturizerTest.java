package dev.electrabench.tasks.features;

import static dev.electrabench.tasks.features.RealVocab.TOKENIZER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.qa.AnswerNormalizer;
import dev.electrabench.tasks.qa.FeatureLogits;
import dev.electrabench.tasks.qa.SpanDecoder;
import dev.electrabench.tasks.qa.SquadExample;
import dev.electrabench.tasks.qa.SquadTask;
import dev.electrabench.tasks.qa.SquadVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SQuAD windows on real dev-v1.1 questions: the gold answer's token span, read back through the windows'
 * character offsets (and through the span decoder), is the gold answer after the official normalization.
 */
class SquadFeaturizerTest {
    /** Every 20th question of dev-v1.1: 529 questions from all 48 articles. */
    private static final List<SquadExample> SAMPLE = sample();

    private static List<SquadExample> sample() {
        List<SquadExample> all = new SquadTask(SquadVersion.V1_1).examples(DataDir.resolve(), Split.DEV);
        List<SquadExample> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 20) {
            out.add(all.get(i));
        }
        return out;
    }

    @Test
    void goldAnswersAreRecoveredThroughTokenOffsets() {
        assertRecovered(new SquadFeaturizer(TOKENIZER, 384), 384);
    }

    @Test
    void goldAnswersAreRecoveredFromSmallOverlappingWindows() {
        assertRecovered(new SquadFeaturizer(TOKENIZER, 96, 32, 24), 96);
    }

    private static void assertRecovered(SquadFeaturizer featurizer, int maxSeq) {
        List<SquadFeature> rows = featurizer.featurize(SAMPLE, true);
        SpanDecoder decoder = new SpanDecoder();
        int recovered = 0;
        int decodedEqual = 0;
        for (int e = 0; e < SAMPLE.size(); e++) {
            SquadExample ex = SAMPLE.get(e);
            final int example = e;
            List<SquadFeature> windows = rows.stream().filter(r -> r.input().example() == example).toList();
            assertTrue(!windows.isEmpty(), ex.id());
            SquadFeature hit = windows.stream().filter(SquadFeature::hasAnswer).findFirst().orElse(null);
            if (hit == null) {
                continue;
            }
            assertEquals(maxSeq, hit.input().length());
            String text = ex.context().substring(hit.charStart()[hit.startPosition()], hit.charEnd()[hit.endPosition()]);
            String gold = ex.answers().get(0).text();
            if (AnswerNormalizer.normalize(text).equals(AnswerNormalizer.normalize(gold))) {
                recovered++;
            }
            // the decoder, given logits that point at the target, cuts the same text out of the paragraph
            float[] start = new float[maxSeq];
            float[] end = new float[maxSeq];
            start[hit.startPosition()] = 10;
            end[hit.endPosition()] = 10;
            boolean[] maxContext = hit.maxContext().clone();
            Arrays.fill(maxContext, true); // a lone window: any paragraph token may start the answer
            String decoded = decoder.decode(ex.context(),
                    List.of(new FeatureLogits(start, end, hit.charStart(), hit.charEnd(), maxContext))).text();
            if (decoded.equals(text)) {
                decodedEqual++;
            }
        }
        assertTrue(recovered >= 0.95 * SAMPLE.size(), recovered + " of " + SAMPLE.size() + " answers recovered");
        assertTrue(decodedEqual >= recovered, decodedEqual + " decoded");
    }

    @Test
    void windowsCoverTheParagraphAndEachTokenHasOneMaxContextWindow() {
        SquadFeaturizer featurizer = new SquadFeaturizer(TOKENIZER, 64, 16, 20);
        List<SquadFeature> rows = featurizer.featurize(SAMPLE, false);
        int multiWindow = 0;
        for (int e = 0; e < SAMPLE.size(); e++) {
            final int example = e;
            SquadExample ex = SAMPLE.get(e);
            List<SquadFeature> windows = rows.stream().filter(r -> r.input().example() == example).toList();
            int docTokens = TOKENIZER.tokenize(ex.context()).size();
            int question = Math.min(20, TOKENIZER.tokenize(ex.question()).size());
            int[] maxContextCount = new int[ex.context().length() + 1];
            int[] seen = new int[ex.context().length() + 1];
            for (SquadFeature w : windows) {
                assertEquals(0, w.startPosition(), "evaluation rows have no target");
                int n = w.input().realLength();
                assertEquals(101, w.input().inputIds()[0]);
                assertEquals(102, w.input().inputIds()[question + 1], "[SEP] after the cut question");
                assertEquals(102, w.input().inputIds()[n - 1]);
                for (int p = 0; p < 64; p++) {
                    boolean paragraph = p > question + 1 && p < n - 1;
                    assertEquals(paragraph, w.charStart()[p] >= 0, "position " + p);
                    assertEquals(paragraph || p == n - 1 ? 1 : 0, w.input().tokenTypeIds()[p]);
                    if (paragraph) {
                        seen[w.charStart()[p]]++;
                        if (w.maxContext()[p]) {
                            maxContextCount[w.charStart()[p]]++;
                        }
                    }
                }
            }
            int distinct = 0;
            for (int c = 0; c < seen.length; c++) {
                if (seen[c] > 0) {
                    distinct++;
                    assertEquals(1, maxContextCount[c], ex.id() + ": token at char " + c);
                }
            }
            assertEquals(docTokens, distinct, ex.id() + ": every paragraph token is in some window");
            multiWindow += windows.size() > 1 ? 1 : 0;
        }
        assertTrue(multiWindow > SAMPLE.size() / 2, "most paragraphs need several windows of 64: " + multiWindow);
    }
}
