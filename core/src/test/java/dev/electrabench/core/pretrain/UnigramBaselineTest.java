package dev.electrabench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.data.ExampleStore;
import dev.electrabench.core.pretrain.data.PretrainingExample;
import dev.electrabench.core.text.Vocab;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnigramBaselineTest {
    // ids: 0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP], 4 [MASK], 5 a, 6 b, 7 c
    private static final Vocab VOCAB = new Vocab(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "c"));
    private static final Masker MASKER = new Masker(MaskingConfig.electra(8), VOCAB);

    private static ExampleStore store(List<PretrainingExample> examples) {
        return new ExampleStore() {
            @Override
            public int size() {
                return examples.size();
            }

            @Override
            public int seqLength() {
                return 8;
            }

            @Override
            public PretrainingExample get(int index) {
                return examples.get(index);
            }
        };
    }

    @Test
    void countsOnlyMaskableTokens() {
        // a a b | a c, with [CLS], [SEP] and a stray [MASK] left out: p = (0.6, 0.2, 0.2)
        ExampleStore s = store(List.of(new PretrainingExample(new int[] {2, 5, 5, 6, 3}, 5),
                new PretrainingExample(new int[] {2, 5, 7, 3, 4}, 5)));
        UnigramBaseline b = UnigramBaseline.of(s, MASKER, VOCAB.size(), 100);
        assertEquals(5, b.mostFrequentId());
        assertEquals(5, b.tokens());
        assertEquals(2, b.examples());
        assertEquals(0.6, b.accuracy(), 1e-12);
        double entropy = -(0.6 * Math.log(0.6) + 2 * 0.2 * Math.log(0.2)); // 0.950271
        assertEquals(entropy, b.crossEntropy(), 1e-12);
    }

    @Test
    void samplesEvenlyThroughTheStoreWhenCapped() {
        // examples 0, 3, 6, 9 hold "a", the rest "b": a stride of 3 reads only the "a" ones; the first four would read a b b a
        List<PretrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(new PretrainingExample(new int[] {2, i % 3 == 0 ? 5 : 6, 3}, 3));
        }
        UnigramBaseline b = UnigramBaseline.of(store(examples), MASKER, VOCAB.size(), 4);
        assertEquals(4, b.examples());
        assertEquals(5, b.mostFrequentId());
        assertEquals(1.0, b.accuracy(), 1e-12);
        assertEquals(0.0, b.crossEntropy(), 1e-12);
    }

    @Test
    void wikipediasMostFrequentWordPieceIsThe() {
        Masker masker = new Masker(MaskingConfig.electra(128), RealCorpus.vocab());
        UnigramBaseline b = UnigramBaseline.of(store(RealCorpus.wikipediaExamples(500, 128, 1)), masker,
                RealCorpus.vocab().size(), 500);
        assertEquals("the", RealCorpus.vocab().token(b.mostFrequentId()));
        assertTrue(b.accuracy() > 0.03 && b.accuracy() < 0.09, "share of \"the\": " + b.accuracy());
        assertTrue(b.crossEntropy() > 5 && b.crossEntropy() < Math.log(RealCorpus.vocab().size()), "entropy " + b.crossEntropy());
    }
}
