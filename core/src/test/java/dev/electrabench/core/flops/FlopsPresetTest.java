package dev.electrabench.core.flops;

import static dev.electrabench.core.flops.FlopCounterTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's compute numbers (MODEL_FLOPS of flops_computation.py, as recorded in the reference doc). */
class FlopsPresetTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "bert-small,    1.419e18",
        "electra-small, 1.294e18",
        "bert-base,     6.428e19",
        "electra-base,  6.425e19",
        "bert-large,    1.917e20",
        "electra-400k,  7.118e20",
        "electra-1.75m, 3.114e21",
        "gpt,           3.969e19",
        "roberta,       3.187e21",
    })
    void trainFlopsMatchThePaperWithinPointOnePercent(String name, double paper) {
        FlopsPreset preset = FlopsPreset.find(name).orElseThrow();
        assertRelative(paper, preset.trainFlops(), 1e-3);
        assertRelative(preset.trainFlops(), preset.flopsPerStep() * preset.steps(), 1e-12);
        // backward = 2 x forward instead of = forward: 3/2 of the paper's count
        assertRelative(1.5 * preset.trainFlops(), preset.trainFlops(BackwardConvention.BACKWARD_TWICE_FORWARD), 1e-12);
    }

    @Test
    void presetShapesAreTheScripts() {
        FlopsPreset small = FlopsPreset.find("electra-small").orElseThrow();
        assertTrue(small.isElectra());
        assertEquals(256, small.network().hidden());
        assertEquals(64, small.generator().hidden());
        assertEquals(128, small.generator().embeddingSize());
        assertEquals(128, small.batchSize());
        assertEquals(1_000_000, small.steps());
        FlopsPreset base = FlopsPreset.find("electra-base").orElseThrow();
        assertEquals(768, base.generator().embeddingSize()); // tied to the discriminator's e = h = 768
        assertEquals(512, base.network().seqLength());
        // Table 1 inference FLOPs: BERT-Small 3.7e9 per example at s=128
        assertRelative(3.677e9, FlopsPreset.find("bert-small").orElseThrow().inferFlops(), 1e-3);
    }

    @Test
    void namesAreUniqueAndUnknownNamesAreAbsent() {
        List<String> names = FlopsPreset.names();
        assertEquals(names.size(), names.stream().distinct().count());
        assertEquals(9, names.size());
        assertTrue(FlopsPreset.find("electra-huge").isEmpty());
    }
}
