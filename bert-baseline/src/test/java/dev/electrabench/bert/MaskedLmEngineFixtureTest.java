package dev.electrabench.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.MaskedBatch;
import org.junit.jupiter.api.Test;

/** The eager BERT-MLM loss equals HF's {@code bert-mlm.mlm_loss} on the hf-tiny fixture batch. */
class MaskedLmEngineFixtureTest {
    @Test
    void mlmLossMatchesHuggingFace() throws Exception {
        JsonNode batch = HfFixture.batch();
        JsonNode in = batch.get("inputs");
        TransformerModel model = HfCheckpoint.load(HfFixture.folder("bert-mlm"));
        MaskedBatch feed = HfFixture.maskedBatch(in, HfFixture.maxSlotsPerRow(in));

        MaskedLmEngine step = new MaskedLmEngine(model.config(), model.parameters(), "bert", Heads.MlmNames.BERT,
                model.architecture().wordEmbeddings(), false);
        double loss = step.compute(feed, 0).loss();
        assertEquals(batch.get("expected").get("bert-mlm").get("mlm_loss").asDouble(), loss, 1e-4);
    }

}
