package dev.electrabench.tasks.features;

import static dev.electrabench.tasks.features.RealVocab.TOKENIZER;
import static dev.electrabench.tasks.features.RealVocab.ids;
import static dev.electrabench.tasks.features.RealVocab.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.tagging.ConllSentence;
import dev.electrabench.tasks.tagging.ConllTask;
import dev.electrabench.tasks.tagging.IobTags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CoNLL-2003 rows on real sentences: labels on first sub-tokens only, windows for long sentences. */
class ConllFeaturizerTest {
    private static final List<ConllSentence> TRAIN =
            new ConllTask().examples(DataDir.resolve(), Split.TRAIN).subList(0, 400);

    @Test
    void eachWordIsLabelledOnItsFirstSubTokenAndOtherPositionsAreIgnored() {
        List<TaggingFeature> rows = new ConllFeaturizer(TOKENIZER, IobTags.CONLL_LABELS, 128).featurize(TRAIN);
        assertEquals(TRAIN.size(), rows.size(), "every sentence of the sample fits one row of 128");
        int multiPieceWords = 0;
        for (int s = 0; s < TRAIN.size(); s++) {
            ConllSentence sentence = TRAIN.get(s);
            TaggingFeature row = rows.get(s);
            int[] x = row.input().inputIds();
            assertEquals(101, x[0]);
            assertEquals(-1, row.labels()[0], "[CLS] is not labelled");
            int p = 1;
            for (int w = 0; w < sentence.size(); w++) {
                int[] pieces = ids(sentence.tokens().get(w));
                assertArrayEquals(pieces, slice(x, p, p + pieces.length), sentence.tokens().get(w));
                assertEquals(IobTags.CONLL_LABELS.indexOf(sentence.tags().get(w)), row.labels()[p]);
                assertEquals(w, row.wordIndex()[p]);
                assertEquals(1, row.weights()[p]);
                for (int k = 1; k < pieces.length; k++) {
                    assertEquals(-1, row.labels()[p + k], "continuation piece of " + sentence.tokens().get(w));
                    assertEquals(0, row.weights()[p + k]);
                    assertEquals(-1, row.wordIndex()[p + k]);
                }
                multiPieceWords += pieces.length > 1 ? 1 : 0;
                p += pieces.length;
            }
            assertEquals(102, x[p], "[SEP] after the last word");
            assertEquals(p + 1, row.input().realLength());
            int weighted = 0;
            for (int v : row.weights()) {
                weighted += v;
            }
            assertEquals(sentence.size(), weighted, "one weighted position per word");
            for (int t : row.input().tokenTypeIds()) {
                assertEquals(0, t);
            }
        }
        assertTrue(multiPieceWords > 50, "the sample has words split into several pieces: " + multiPieceWords);
    }

    @Test
    void longSentencesAreSplitIntoWindowsThatLabelEveryWordOnce() {
        int maxSeq = 12; // windows of at most 10 pieces
        List<TaggingFeature> rows = new ConllFeaturizer(TOKENIZER, IobTags.CONLL_LABELS, maxSeq).featurize(TRAIN);
        assertTrue(rows.size() > TRAIN.size(), "some sentences need several windows");
        int r = 0;
        for (int s = 0; s < TRAIN.size(); s++) {
            ConllSentence sentence = TRAIN.get(s);
            List<Integer> words = new ArrayList<>();
            List<Integer> pieces = new ArrayList<>();
            while (r < rows.size() && rows.get(r).input().example() == s) {
                TaggingFeature row = rows.get(r++);
                int n = row.input().realLength();
                assertTrue(n <= maxSeq);
                assertEquals(101, row.input().inputIds()[0]);
                assertEquals(102, row.input().inputIds()[n - 1]);
                for (int p = 1; p < n - 1; p++) {
                    pieces.add(row.input().inputIds()[p]);
                    if (row.wordIndex()[p] >= 0) {
                        words.add(row.wordIndex()[p]);
                    }
                }
            }
            List<Integer> allWords = new ArrayList<>();
            List<Integer> allPieces = new ArrayList<>();
            for (int w = 0; w < sentence.size(); w++) {
                allWords.add(w);
                int[] wp = ids(sentence.tokens().get(w));
                // only a word longer than a whole window loses pieces; none in this sample is
                for (int id : wp) {
                    allPieces.add(id);
                }
            }
            assertEquals(allWords, words, "sentence " + s + ": every word once, in order");
            assertEquals(allPieces, pieces, "sentence " + s + ": windows concatenate to the sentence");
        }
        assertEquals(rows.size(), r);
    }
}
