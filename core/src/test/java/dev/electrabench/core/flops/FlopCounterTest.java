package dev.electrabench.core.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Checks the counter against a configuration worked out by hand and against the values of
 * google-research/electra's flops_computation.py recorded in docs/electra-reference.md §1.1, §1.3.
 */
class FlopCounterTest {

    /** h=4, l=1, s=2, v=10, e=4 (no projection), i=16, 1 head, output on half of the positions. */
    private static final TransformerFlopsParams TINY =
            new TransformerFlopsParams(4, 1, 2, 10, 4, 16, 1, 0.5, false);

    /*
     * Block, per token (h=4, s=2, i=16, heads=1, kqv=h=4):
     *   q,k,v 3*2*4*4=96, biases 3*4=12, scores 2*4*2=16, softmax 5*2*1=10, attn dropout 4*2*1=8,
     *   scale 2*1=2, weighted values 2*4*2=16, attn out 2*4*4=32, bias 4, dropout 4*4=16, residual 4,
     *   attn layer norm 5 (not 5h: the script's slip), intermediate 2*4*16=128, GELU 8*16=128, bias 16,
     *   output 2*4*16=128, bias 4, dropout 16, residual 4, layer norm 5*4=20
     *   = 665 per token, x s=2 -> 1330 per example.
     * Input embedding, per token: one-hot matmul 2*4*10=80, type+position 2*4*(2+2)=32, add 2*4=8,
     *   layer norm 5*4=20, dropout 4*4=16 = 156, x2 -> 312 (e == h: no projection).
     * MLM output, per token: 2*4*10=80, dense 2*4*4=32, bias 4, GELU 8*4=32, layer norm 5*4=20,
     *   softmax 5*10=50, target 2*10=20 = 238, x output_frac 0.5 x s 2 -> 238.
     * Binary head, per token: 2*4*4=32 + bias 4 + GELU 32 + logit 2*4=8 = 76, x2 -> 152.
     */
    @Test
    void tinyConfigWorkedOutByHand() {
        assertEquals(1330, FlopCounter.blockFlops(TINY));
        assertEquals(312, FlopCounter.inputEmbeddingFlops(TINY));
        assertEquals(238, FlopCounter.outputSoftmaxFlops(TINY));
        assertEquals(152, FlopCounter.binaryHeadFlops(TINY));
        assertEquals(1330 + 312 + 238, FlopCounter.forwardFlops(TINY, false));
        assertEquals(1330 + 312 + 152, FlopCounter.inferFlops(TINY));
        // batch 3, 5 steps: 2 x 3 x 5 x 1880 (paper) and 3 x 3 x 5 x 1880 (3x convention)
        assertEquals(56_400, FlopCounter.trainFlops(TINY, 3, 5, false));
        assertEquals(56_400, FlopCounter.bertTrainFlops(TINY, 3, 5));
        assertEquals(84_600, FlopCounter.trainFlops3x(TINY, 3, 5, false));
        assertEquals(2 * 3 * 5 * 1794, FlopCounter.trainFlops(TINY, 3, 5, true));
    }

    /*
     * Same with e=2 (factorised): input per token = 2*2*10=40 + 2*2*(2+2)=16 + 2*2=4 + 5*2=10 + 4*2=8
     *   + projection 2*4*2=16 + bias h=4 = 98, x2 -> 196.
     * MLM output per token = 2*2*10=40 + 2*4*2=16 + bias e=2 + GELU 8*2=16 + LN 5*2=10 + 50 + 20 = 154,
     *   x 0.5 x 2 -> 154.
     * Sparse lookup drops the one-hot matmul from the input only: 312 - 80*2 = 152.
     */
    @Test
    void factorisedEmbeddingAndSparseLookupWorkedOutByHand() {
        TransformerFlopsParams factorised = new TransformerFlopsParams(4, 1, 2, 10, 2, 16, 1, 0.5, false);
        assertEquals(196, FlopCounter.inputEmbeddingFlops(factorised));
        assertEquals(154, FlopCounter.outputSoftmaxFlops(factorised));
        assertEquals(1330, FlopCounter.blockFlops(factorised));
        TransformerFlopsParams sparse = TINY.withSparseEmbedLookup(true);
        assertEquals(152, FlopCounter.inputEmbeddingFlops(sparse));
        assertEquals(238, FlopCounter.outputSoftmaxFlops(sparse));
    }

    @Test
    void defaultsAreTheScripts() {
        TransformerFlopsParams p = TransformerFlopsParams.of(256, 12, 128, 30522);
        assertEquals(256, p.embeddingSize());
        assertEquals(1024, p.intermediateSize());
        assertEquals(4, p.heads());
        assertEquals(0.15625, p.outputFrac());
        assertEquals(1, TransformerFlopsParams.of(64, 12, 128, 30522).heads());
        assertEquals(1, TransformerFlopsParams.of(32, 1, 8, 100).heads());
        assertThrows(IllegalArgumentException.class, () -> TransformerFlopsParams.of(0, 12, 128, 30522));
    }

    // --- values from docs/electra-reference.md §1.3 (computed with flops_computation.py) ---

    private static final TransformerFlopsParams SMALL_DISC = TransformerFlopsParams.of(256, 12, 128, 30522, 128);
    private static final TransformerFlopsParams SMALL_GEN = FlopCounter.electraGenerator(SMALL_DISC, 64, 12, true);

    @Test
    void electraSmallPerSequenceAndPerTokenBreakdown() {
        // "per seq (s=128) ELECTRA-Small disc 7.355e9 + gen(64) 2.753e9 train FLOPs"
        assertRelative(7.355e9, FlopCounter.trainFlops(SMALL_DISC, 1, 1, true), 1e-3);
        assertRelative(2.753e9, FlopCounter.trainFlops(SMALL_GEN, 1, 1, false), 1e-3);
        // "Forward per token: 12 disc blocks 20.68M, dense embedding 7.91M, MLM head 1.26M, disc head 0.13M"
        assertRelative(20.68e6, 12 * FlopCounter.blockFlops(SMALL_DISC) / 128, 1e-3);
        assertRelative(7.91e6, FlopCounter.inputEmbeddingFlops(SMALL_DISC) / 128, 1e-3);
        assertRelative(1.26e6, FlopCounter.outputSoftmaxFlops(SMALL_GEN) / 128, 5e-3);
        assertRelative(0.13e6, FlopCounter.binaryHeadFlops(SMALL_DISC) / 128, 5e-2);
    }

    @Test
    void perStepValuesAndBertToElectraStepRatio() {
        double electraStep = FlopCounter.electraTrainFlops(256, 12, 64, 12, 128, 1, true, 128, 128, 30522);
        double bertStep = FlopCounter.bertTrainFlops(SMALL_DISC, 128, 1);
        assertRelative(1.2937e12, electraStep, 1e-4);
        assertRelative(9.7844e11, bertStep, 1e-4);
        assertRelative(1.3223, electraStep / bertStep, 1e-4);
        // "1.4554x if gen 128, 1.962x if gen 256"
        assertRelative(1.4554, FlopCounter.electraTrainFlops(256, 12, 128, 12, 128, 1, true, 128, 128, 30522) / bertStep, 1e-4);
        assertRelative(1.962, FlopCounter.electraTrainFlops(256, 12, 256, 12, 128, 1, true, 128, 128, 30522) / bertStep, 1e-3);
    }

    @Test
    void otherScriptValuesFromTheReference() {
        // ELECTRA-Small with a 128-wide generator: 1.424e18 (the paper's "1.4e18")
        assertRelative(1.424e18, FlopCounter.electraTrainFlops(256, 12, 128, 12, 128, 1_000_000, true, 128, 128, 30522), 1e-3);
        // Small++: generator 256, s 512, 4M steps -> 3.60e19 (3 significant digits: +-0.14%)
        assertRelative(3.60e19, FlopCounter.electraTrainFlops(256, 12, 256, 12, 128, 4_000_000, true, 128, 512, 30522), 1.4e-3);
        // inference FLOPs (Table 1 cross-checks, s=128): BERT-Small 3.677e9, BERT-Base 2.862e10, GPT 3.05e10
        assertRelative(3.677e9, FlopCounter.inferFlops(SMALL_DISC), 1e-3);
        assertRelative(2.862e10, FlopCounter.inferFlops(TransformerFlopsParams.of(768, 12, 128, 30522)), 1e-3);
        assertRelative(3.05e10, FlopCounter.inferFlops(TransformerFlopsParams.of(768, 12, 128, 40000)), 1e-3);
    }

    @Test
    void untiedGeneratorUsesItsOwnHiddenAsEmbeddingSize() {
        TransformerFlopsParams untied = FlopCounter.electraGenerator(SMALL_DISC, 64, 12, false);
        assertEquals(64, untied.embeddingSize());
        assertEquals(128, SMALL_GEN.embeddingSize());
        assertEquals(256, SMALL_GEN.intermediateSize());
        assertEquals(1, SMALL_GEN.heads());
    }

    static void assertRelative(double expected, double actual, double tolerance) {
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        if (relative > tolerance) {
            throw new AssertionError("expected " + expected + " within " + tolerance + " relative, got " + actual
                    + " (off by " + relative + ")");
        }
    }
}
