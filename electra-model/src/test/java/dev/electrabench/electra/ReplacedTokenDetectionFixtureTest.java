package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.MaskingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The joint objective reproduces HF's generator MLM loss, discriminator BCE and λ=50 total on the fixture. */
class ReplacedTokenDetectionFixtureTest {

    @Test
    void jointLossMatchesFixture() throws Exception {
        JsonNode batch = HfFixture.batch();
        JsonNode in = batch.get("inputs");
        TransformerConfig disc = HfCheckpoint.readConfig(HfFixture.folder("electra-discriminator"));
        TransformerConfig gen = HfCheckpoint.readConfig(HfFixture.folder("electra-generator"));
        ReplacedTokenDetectionObjective objective = new ReplacedTokenDetectionObjective(disc, gen, MaskingConfig.electra(16),
                16, 1.0, 50.0, 1.0, 0).withSampling(ReplacedTokenDetectionObjective.Sampling.FIXED);
        objective.loadModels(HfFixture.folder("electra-discriminator"), HfFixture.folder("electra-generator"));
        MaskedBatch b = HfFixture.maskedBatch(in, 7);
        SameDiff sd = SameDiff.create();
        String loss = objective.build(sd, false, 0);
        Map<String, INDArray> feed = objective.graphFeed(b);
        feed.put(ReplacedTokenDetectionObjective.DISC_INPUT_IDS, Nd4j.createFromArray(HfFixture.ints(in.get("disc_input_ids"))));
        Map<String, INDArray> out = sd.output(feed, loss, "mlm_loss", "disc_loss", "replaced_fraction");
        JsonNode exp = batch.get("expected");
        assertEquals(exp.get("electra-generator").get("mlm_loss").asDouble(), out.get("mlm_loss").getDouble(0), 1e-4);
        assertEquals(exp.get("electra-discriminator").get("bce_loss").asDouble(), out.get("disc_loss").getDouble(0), 1e-4);
        assertEquals(exp.get("electra-joint").get("loss").asDouble(), out.get(loss).getDouble(0), 1e-4);
        // 6 of the 7 slots were replaced by a different token ([0, 9] sampled the original), over 27 real tokens
        assertEquals(6.0 / 27.0, out.get("replaced_fraction").getDouble(0), 1e-6);
    }
}
