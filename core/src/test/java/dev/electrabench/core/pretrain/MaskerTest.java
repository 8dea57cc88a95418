package dev.electrabench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.data.ExampleBatch;
import dev.electrabench.core.pretrain.data.PretrainingExample;
import dev.electrabench.core.text.Vocab;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynamic masking against google-research/electra's definition (pretrain_helpers.mask) on real Wikipedia
 * examples built with the real tokenizer. Proportions are checked within 4 binomial standard deviations,
 * so a correct masker fails with probability < 1e-4 per check — and the RNG is seeded, so not at all.
 */
class MaskerTest {
    private static final int L = 128;
    private static Vocab vocab;
    private static ExampleBatch batch; // 1000 real examples

    @BeforeAll
    static void buildExamples() {
        vocab = RealCorpus.vocab();
        List<PretrainingExample> examples = RealCorpus.wikipediaExamples(1000, L, 1);
        batch = RealCorpus.batchOf(examples, L);
    }

    /** ELECTRA's count: max(1, min(19, tf.round(float32(numTokens) * float32(0.15)))), tf.round = half to even. */
    private static int electraCount(int numTokens) {
        float product = numTokens * 0.15f;
        int rounded = new BigDecimal(product).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
        return Math.max(1, Math.min(19, rounded));
    }

    @Test
    void presetsMatchElectraConfiguration() {
        // configure_pretraining.py: max_predictions_per_seq = int((0.15 + 0.005) * 128) = int(19.84) = 19
        MaskingConfig electra = MaskingConfig.electra(128);
        assertEquals(19, electra.maxPredictionsPerSeq());
        assertEquals(0.85, electra.maskTokenProb());
        assertEquals(0.0, electra.randomTokenProb());
        // 512: int(0.155 * 512) = int(79.36) = 79
        assertEquals(79, MaskingConfig.electra(512).maxPredictionsPerSeq());
        MaskingConfig bert = MaskingConfig.bert(128);
        assertEquals(0.8, bert.maskTokenProb());
        assertEquals(0.1, bert.randomTokenProb());
        assertEquals(0.1, bert.keepProb(), 1e-12);
    }

    @Test
    void countUsesTensorFlowHalfToEvenRounding() {
        Masker masker = new Masker(MaskingConfig.electra(L), vocab);
        // hand-worked: 3 tokens ([CLS] x [SEP]) → 0.45 → 0 → max(1, 0) = 1
        assertEquals(1, masker.predictionsFor(3));
        // 10 → 1.5 → 2 ; 30 → 4.5 → 4 ; 70 → 10.5 → 10 ; 110 → 16.5 → 16 (half-up would give 2, 5, 11, 17)
        assertEquals(2, masker.predictionsFor(10));
        assertEquals(4, masker.predictionsFor(30));
        assertEquals(10, masker.predictionsFor(70));
        assertEquals(16, masker.predictionsFor(110));
        // 100 → 15 ; 128 → 19.2 → 19 ; 200 → 30 → capped at 19
        assertEquals(15, masker.predictionsFor(100));
        assertEquals(19, masker.predictionsFor(128));
        assertEquals(19, masker.predictionsFor(200));
    }

    @Test
    void everyRealExampleGetsExactlyElectrasCountOfDistinctNonSpecialPositions() {
        Masker masker = new Masker(MaskingConfig.electra(L), vocab);
        MaskedBatch masked = masker.mask(batch, 42, 0);
        int[] counts = new int[20];
        for (int b = 0; b < batch.batchSize(); b++) {
            int numTokens = Arrays.stream(batch.attentionMask()[b]).sum();
            int expected = electraCount(numTokens);
            int predicted = 0;
            int previous = -1;
            for (int k = 0; k < 19; k++) {
                int position = masked.maskedPositions()[b][k];
                if (masked.maskedWeights()[b][k] == 0f) {
                    assertEquals(0, position, "padding slot must point at position 0");
                    assertEquals(0, masked.maskedIds()[b][k], "padding slot must carry id 0");
                    continue;
                }
                assertEquals(1f, masked.maskedWeights()[b][k]);
                assertEquals(predicted, k, "real slots come first");
                predicted++;
                assertTrue(position > previous, "positions strictly ascending (hence distinct)");
                previous = position;
                int original = batch.inputIds()[b][position];
                assertEquals(1, batch.attentionMask()[b][position], "never a padding position");
                assertFalse(isSpecial(original), "never [CLS]/[SEP]/[PAD]/[MASK]: " + vocab.token(original));
                assertEquals(original, masked.maskedIds()[b][k], "masked id is the original token");
            }
            assertEquals(expected, predicted, "example " + b + " with " + numTokens + " tokens");
            counts[predicted]++;
            // only chosen positions may differ from the clean input
            for (int t = 0; t < L; t++) {
                boolean chosen = contains(masked.maskedPositions()[b], masked.maskedWeights()[b], t);
                if (!chosen) {
                    assertEquals(batch.inputIds()[b][t], masked.inputIds()[b][t]);
                }
            }
        }
        // the data must exercise the interesting cases, not only full-length examples
        assertTrue(counts[19] > 500, "full-length examples present");
        assertTrue(Arrays.stream(counts, 1, 19).sum() > 20, "short examples present: " + Arrays.toString(counts));
    }

    @Test
    void electraPresetReplaces85PercentWithMaskAndNeverUsesRandomTokens() {
        Masker masker = new Masker(MaskingConfig.electra(L), vocab);
        Tally tally = new Tally();
        for (int step = 0; step < 3; step++) {
            tally.add(masker.mask(batch, 7, step));
        }
        // ~3 × 1000 × ~18 ≈ 54,000 chosen positions: SD of the [MASK] fraction ≈ sqrt(.85·.15/54000) ≈ 0.0015
        tally.assertFraction("[MASK]", tally.mask, 0.85);
        assertEquals(0, tally.random, "ELECTRA uses no random replacement");
        tally.assertFraction("unchanged", tally.unchanged, 0.15);
    }

    @Test
    void bertPresetGives80Mask10Random10Unchanged() {
        Masker masker = new Masker(MaskingConfig.bert(L), vocab);
        Tally tally = new Tally();
        for (int step = 0; step < 3; step++) {
            tally.add(masker.mask(batch, 7, step));
        }
        tally.assertFraction("[MASK]", tally.mask, 0.80);
        // a random draw equals the original with probability ~1/30000: "random" counts changed tokens only
        tally.assertFraction("random", tally.random, 0.10);
        tally.assertFraction("unchanged", tally.unchanged, 0.10);
        assertEquals(0, tally.specialReplacements, "random replacements avoid [..] special tokens");
    }

    @Test
    void positionsAreUniformOverCandidates() {
        // one example: [CLS] + 38 word pieces + [SEP] = 40 tokens → 0.15·40 = 6 predictions among 38 candidates
        int[] ids = new int[L];
        ids[0] = vocab.clsId();
        for (int t = 1; t <= 38; t++) {
            ids[t] = 2000 + t;
        }
        ids[39] = vocab.sepId();
        ExampleBatch one = RealCorpus.batchOf(List.of(new PretrainingExample(Arrays.copyOf(ids, 40), 40)), L);
        Masker masker = new Masker(MaskingConfig.electra(L), vocab);
        int steps = 5000;
        int[] chosen = new int[L];
        for (int step = 0; step < steps; step++) {
            MaskedBatch m = masker.mask(one, 3, step);
            for (int k = 0; k < 6; k++) {
                chosen[m.maskedPositions()[0][k]]++;
            }
            assertEquals(0f, m.maskedWeights()[0][6]);
        }
        // each candidate: Binomial(5000, 6/38): mean 789.5, SD sqrt(5000·(6/38)(32/38)) = 25.8; allow 4.5 SD
        double p = 6.0 / 38;
        double sd = Math.sqrt(steps * p * (1 - p));
        for (int t = 1; t <= 38; t++) {
            assertEquals(steps * p, chosen[t], 4.5 * sd, "position " + t);
        }
        assertEquals(0, chosen[0] + chosen[39], "[CLS]/[SEP] never chosen");
    }

    @Test
    void exampleWithoutCandidatesGetsNoPredictions() {
        // [CLS] [SEP]: numTokens 2 → max(1, round(0.3)) = 1, but no candidate exists → 0 (ELECTRA would divide by 0)
        PretrainingExample empty = new PretrainingExample(new int[] {vocab.clsId(), vocab.sepId()}, 2);
        MaskedBatch m = new Masker(MaskingConfig.electra(L), vocab).mask(RealCorpus.batchOf(List.of(empty), L), 1, 1);
        for (float w : m.maskedWeights()[0]) {
            assertEquals(0f, w);
        }
        assertArrayEquals(m.originalIds()[0], m.inputIds()[0]);
    }

    @Test
    void masksDependOnlyOnSeedAndStep() {
        Masker masker = new Masker(MaskingConfig.electra(L), vocab);
        int[][] before = deepCopy(batch.inputIds());
        MaskedBatch a = masker.mask(batch, 11, 5);
        MaskedBatch b = masker.mask(batch, 11, 5);
        assertTrue(Arrays.deepEquals(a.inputIds(), b.inputIds()));
        assertTrue(Arrays.deepEquals(a.maskedPositions(), b.maskedPositions()));
        assertFalse(Arrays.deepEquals(a.maskedPositions(), masker.mask(batch, 11, 6).maskedPositions()));
        assertFalse(Arrays.deepEquals(a.maskedPositions(), masker.mask(batch, 12, 5).maskedPositions()));
        assertTrue(Arrays.deepEquals(before, batch.inputIds()), "input batch not modified");
        assertTrue(Arrays.deepEquals(batch.inputIds(), a.originalIds()));
        assertTrue(Arrays.deepEquals(batch.tokenTypeIds(), a.tokenTypeIds()));
        assertTrue(Arrays.deepEquals(batch.attentionMask(), a.attentionMask()));
        assertNotEquals(0, a.maxPredictions());
    }

    private static boolean isSpecial(int id) {
        return id == vocab.clsId() || id == vocab.sepId() || id == vocab.padId() || id == vocab.maskId();
    }

    private static boolean contains(int[] positions, float[] weights, int t) {
        for (int k = 0; k < positions.length; k++) {
            if (weights[k] > 0 && positions[k] == t) {
                return true;
            }
        }
        return false;
    }

    private static int[][] deepCopy(int[][] a) {
        return Arrays.stream(a).map(int[]::clone).toArray(int[][]::new);
    }

    /** What happened to each chosen position. */
    private static final class Tally {
        long total;
        long mask;
        long random;
        long unchanged;
        long specialReplacements;

        void add(MaskedBatch m) {
            for (int b = 0; b < m.batchSize(); b++) {
                for (int k = 0; k < m.maxPredictions(); k++) {
                    if (m.maskedWeights()[b][k] == 0f) {
                        continue;
                    }
                    total++;
                    int now = m.inputIds()[b][m.maskedPositions()[b][k]];
                    int original = m.maskedIds()[b][k];
                    if (now == vocab.maskId()) {
                        mask++;
                    } else if (now == original) {
                        unchanged++;
                    } else {
                        random++;
                        String token = vocab.token(now);
                        if (token.startsWith("[") && token.endsWith("]")) {
                            specialReplacements++;
                        }
                    }
                }
            }
        }

        void assertFraction(String what, long count, double p) {
            double sd = Math.sqrt(p * (1 - p) / total);
            double observed = (double) count / total;
            assertEquals(p, observed, 4 * sd, what + " fraction over " + total + " chosen positions");
        }
    }
}
