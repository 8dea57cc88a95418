package dev.electrabench.tasks.features;

import static dev.electrabench.tasks.features.RealVocab.TOKENIZER;
import static dev.electrabench.tasks.features.RealVocab.ids;
import static dev.electrabench.tasks.features.RealVocab.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.classification.GlueExample;
import dev.electrabench.tasks.classification.GlueTasks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GLUE rows on real GLUE data: layout, HF longest-first pair truncation, labels, MRPC/STS-B doubling. */
class GlueFeaturizerTest {
    private static final int CLS = 101;
    private static final int SEP = 102;

    @Test
    void pairsAreTruncatedLongestFirstAndLaidOutAsClsASepBSep() {
        int maxSeq = 32;
        int budget = maxSeq - 3;
        List<GlueExample> dev = GlueTasks.RTE.examples(DataDir.resolve(), Split.DEV);
        List<GlueFeature> rows = new GlueFeaturizer(GlueTasks.RTE, TOKENIZER, maxSeq).featurize(dev, false);
        assertEquals(dev.size(), rows.size());
        int bothCut = 0;
        int shorterWhole = 0;
        for (int i = 0; i < dev.size(); i++) {
            int[] a = ids(dev.get(i).textA());
            int[] b = ids(dev.get(i).textB());
            InputFeature f = rows.get(i).input();
            int[] x = f.inputIds();
            int firstSep = indexOf(x, SEP, 1);
            int secondSep = indexOf(x, SEP, firstSep + 1);
            int keptA = firstSep - 1;
            int keptB = secondSep - firstSep - 1;
            assertEquals(CLS, x[0]);
            assertArrayEquals(slice(a, 0, keptA), slice(x, 1, firstSep), "A is a prefix of its pieces");
            assertArrayEquals(slice(b, 0, keptB), slice(x, firstSep + 1, secondSep), "B is a prefix of its pieces");
            assertEquals(secondSep + 1, f.realLength());
            for (int p = 0; p < maxSeq; p++) {
                int expectedType = p > firstSep && p <= secondSep ? 1 : 0;
                assertEquals(expectedType, f.tokenTypeIds()[p], "segment id at " + p);
                assertEquals(p <= secondSep ? 1 : 0, f.attentionMask()[p]);
                if (p > secondSep) {
                    assertEquals(0, x[p], "[PAD]");
                }
            }
            // HF "longest_first": nothing is cut when both fit; else the shorter side (A on ties) stays whole if it
            // fits in half the budget, otherwise it keeps floor(budget/2) and the longer side the rest
            if (a.length + b.length <= budget) {
                assertEquals(a.length, keptA);
                assertEquals(b.length, keptB);
                continue;
            }
            assertEquals(budget, keptA + keptB);
            int shorter = Math.min(a.length, b.length);
            boolean aShorter = a.length <= b.length;
            if (2 * shorter <= budget) {
                assertEquals(shorter, aShorter ? keptA : keptB);
                shorterWhole++;
            } else {
                assertEquals(budget / 2, aShorter ? keptA : keptB); // 14 of 29
                assertEquals(budget - budget / 2, aShorter ? keptB : keptA); // 15
                bothCut++;
            }
        }
        assertTrue(bothCut > 0 && shorterWhole > 0, "the sample exercises both truncation cases: " + bothCut + "/" + shorterWhole);
    }

    @Test
    void labelsAreClassIndicesAndScoresStayOnTheirScale() {
        List<GlueExample> sst = GlueTasks.SST2.examples(DataDir.resolve(), Split.DEV).subList(0, 50);
        List<GlueFeature> rows = new GlueFeaturizer(GlueTasks.SST2, TOKENIZER, 64).featurize(sst, true);
        assertEquals(50, rows.size(), "SST-2 is not doubled");
        for (int i = 0; i < 50; i++) {
            assertEquals(Integer.parseInt(sst.get(i).label()), rows.get(i).label()); // labels "0", "1" in that order
            assertTrue(Double.isNaN(rows.get(i).score()));
            assertEquals(-1, indexOf(rows.get(i).input().tokenTypeIds(), 1, 0), "a single sentence is all segment 0");
        }
        List<GlueExample> sts = GlueTasks.STSB.examples(DataDir.resolve(), Split.DEV).subList(0, 20);
        List<GlueFeature> stsRows = new GlueFeaturizer(GlueTasks.STSB, TOKENIZER, 64).featurize(sts, false);
        for (int i = 0; i < 20; i++) {
            assertEquals(sts.get(i).score(), stsRows.get(i).score());
            assertEquals(-1, stsRows.get(i).label());
        }
    }

    @Test
    void mrpcAndStsbTrainingPairsAreDoubledWithTheSentencesSwapped() {
        for (var task : List.of(GlueTasks.MRPC, GlueTasks.STSB)) {
            List<GlueExample> train = task.examples(DataDir.resolve(), Split.TRAIN).subList(0, 40);
            GlueFeaturizer f = new GlueFeaturizer(task, TOKENIZER, 128);
            List<GlueFeature> rows = f.featurize(train, true);
            assertEquals(80, rows.size(), task.name());
            for (int i = 0; i < 40; i++) {
                GlueFeature original = rows.get(2 * i);
                GlueFeature swapped = rows.get(2 * i + 1);
                assertFalse(original.swapped());
                assertTrue(swapped.swapped());
                assertEquals(i, swapped.input().example());
                assertEquals(original.label(), swapped.label());
                assertEquals(original.score(), swapped.score());
                // swapped row = [CLS] B [SEP] A [SEP] (128 holds every MRPC/STS-B pair of this sample whole)
                int[] a = ids(train.get(i).textA());
                int[] b = ids(train.get(i).textB());
                int[] x = swapped.input().inputIds();
                assertArrayEquals(b, slice(x, 1, 1 + b.length));
                assertEquals(SEP, x[1 + b.length]);
                assertArrayEquals(a, slice(x, 2 + b.length, 2 + b.length + a.length));
            }
            assertEquals(40, f.featurize(train, false).size(), "evaluation rows are not doubled");
        }
    }

    private static int indexOf(int[] a, int value, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
