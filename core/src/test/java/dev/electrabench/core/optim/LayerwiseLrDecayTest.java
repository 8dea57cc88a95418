package dev.electrabench.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELECTRA-Small fine-tuning, n = 12, decay 0.8, multiplier 0.8^(14 − depth): head 0.8⁰ = 1, top
 * layer (index 11, depth 12) 0.8² = 0.64, bottom layer (index 0, depth 1) 0.8¹³ = 0.0549755813888,
 * embeddings 0.8¹⁴ = 0.04398046511104 (reference doc §1.5: 1.0 / 0.64 / 0.055 / 0.044).
 */
class LayerwiseLrDecayTest {
    private static final double TOL = 1e-12;

    @Test
    void electraSmallMultipliers() {
        assertEquals(1.0, LayerwiseLrDecay.multiplier("classifier.weight", 12, 0.8), TOL);
        assertEquals(1.0, LayerwiseLrDecay.multiplier("classifier.dense.bias", 12, 0.8), TOL);
        assertEquals(0.64, LayerwiseLrDecay.multiplier("electra.encoder.layer.11.output.dense.weight", 12, 0.8), TOL);
        assertEquals(0.0549755813888,
                LayerwiseLrDecay.multiplier("electra.encoder.layer.0.attention.self.query.weight", 12, 0.8), TOL);
        assertEquals(0.04398046511104,
                LayerwiseLrDecay.multiplier("electra.embeddings.word_embeddings.weight", 12, 0.8), TOL);
        assertEquals(0.04398046511104, LayerwiseLrDecay.multiplier("electra.embeddings_project.weight", 12, 0.8), TOL);
        assertEquals(0.04398046511104, LayerwiseLrDecay.multiplier("electra.embeddings.LayerNorm.bias", 12, 0.8), TOL);
    }

    @Test
    void depthsIncludingBertNamesAndTwoDigitLayers() {
        assertEquals(0, LayerwiseLrDecay.depth("bert.embeddings.position_embeddings.weight", 12));
        assertEquals(11, LayerwiseLrDecay.depth("bert.encoder.layer.10.output.LayerNorm.weight", 12));
        assertEquals(2, LayerwiseLrDecay.depth("bert.encoder.layer.1.output.LayerNorm.weight", 12));
        assertEquals(13, LayerwiseLrDecay.depth("bert.pooler.dense.weight", 12)); // the slot ELECTRA left empty
        assertEquals(3, LayerwiseLrDecay.depth("encoder.layer.2.intermediate.dense.weight", 12)); // unprefixed
        assertEquals(14, LayerwiseLrDecay.depth("qa_outputs.weight", 12));
    }

    @Test
    void unmatchedBackboneNamesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> LayerwiseLrDecay.depth("electra.mystery.weight", 12));
        assertThrows(IllegalArgumentException.class, () -> LayerwiseLrDecay.depth("electra.encoder.norm.weight", 12));
        assertThrows(IllegalArgumentException.class, () -> LayerwiseLrDecay.depth("electra.encoder.layer.12.x", 12));
        assertThrows(IllegalArgumentException.class, () -> LayerwiseLrDecay.multiplier("classifier.weight", 12, 0));
    }

    @Test
    void applySetsEveryRegisteredMultiplier() {
        AdamW opt = new AdamW(AdamWConfig.electra());
        opt.register("electra.embeddings.word_embeddings.weight", Nd4j.zeros(2));
        opt.register("electra.encoder.layer.1.output.dense.weight", Nd4j.zeros(2));
        opt.register("classifier.weight", Nd4j.zeros(2));
        LayerwiseLrDecay.apply(opt, 2, 0.5);
        // n = 2: embeddings 0.5⁴, layer 1 (depth 2) 0.5², head 0.5⁰
        assertEquals(0.0625, opt.lrMultiplier("electra.embeddings.word_embeddings.weight"), TOL);
        assertEquals(0.25, opt.lrMultiplier("electra.encoder.layer.1.output.dense.weight"), TOL);
        assertEquals(1.0, opt.lrMultiplier("classifier.weight"), TOL);
    }
}
