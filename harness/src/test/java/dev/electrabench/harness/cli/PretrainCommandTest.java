package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.electrabench.core.pretrain.UnigramBaseline;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PretrainCommandTest {
    private static final UnigramBaseline THE = new UnigramBaseline(1996, 0.0565, 7.277, 2_000_000, 20_000);

    @Test
    void electraRunIsSetAgainstBothBaselines() {
        Map<String, Double> last = Map.of("mlm_masked_accuracy", 0.0598, "disc_accuracy", 0.8712,
                "replaced_fraction", 0.1291, "disc_auc", 0.5971);
        assertEquals("mlm_masked_accuracy 0.0598 vs unigram 0.0565; disc_accuracy 0.8712 vs all-original 0.8709, "
                + "disc_auc 0.597 (0.5 = chance)", PretrainCommand.againstBaselines(last, THE));
    }

    @Test
    void bertRunHasOnlyTheUnigramComparison() {
        assertEquals("mlm_masked_accuracy 0.0612 vs unigram 0.0565",
                PretrainCommand.againstBaselines(Map.of("mlm_masked_accuracy", 0.0612, "loss", 6.5), THE));
    }

    @Test
    void metricTheGraphEngineLeavesEmptyIsLeftOut() {
        assertEquals("", PretrainCommand.againstBaselines(Map.of("mlm_masked_accuracy", Double.NaN), THE));
    }
}
