package dev.electrabench.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.MaskingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The BERT baseline's training loss (MLM at the masked slots) equals HF's bert-mlm.mlm_loss on the fixture. */
class MaskedLmObjectiveFixtureTest {
    @Test
    void mlmLossMatchesHuggingFace() throws Exception {
        JsonNode batch = HfFixture.batch();
        MaskedLmObjective objective = new MaskedLmObjective(HfCheckpoint.readConfig(HfFixture.folder("bert-mlm")),
                MaskingConfig.bert(16), 16, 0);
        objective.loadModel(HfFixture.folder("bert-mlm"));
        MaskedBatch b = HfFixture.maskedBatch(batch.get("inputs"), 5);
        SameDiff sd = SameDiff.create();
        String loss = objective.build(sd, false, 0);
        Map<String, INDArray> out = sd.output(objective.graphFeed(b), loss);
        assertEquals(batch.get("expected").get("bert-mlm").get("mlm_loss").asDouble(), out.get(loss).getDouble(0), 1e-4);
    }

}
