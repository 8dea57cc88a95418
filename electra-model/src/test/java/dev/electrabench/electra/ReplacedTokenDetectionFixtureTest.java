package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.MaskingConfig;
import dev.electrabench.core.runtime.DataDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The joint objective reproduces HF's generator MLM loss, discriminator BCE and λ=50 total on the fixture. */
class ReplacedTokenDetectionFixtureTest {
    static int[][] ints(JsonNode n) {
        int[][] out = new int[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            out[i] = new int[n.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = n.get(i).get(j).asInt();
            }
        }
        return out;
    }

    @Test
    void jointLossMatchesFixture() throws Exception {
        Path hf = DataDir.fixtures().resolve("hf-tiny");
        JsonNode batch = new ObjectMapper().readTree(hf.resolve("fixture_batch.json").toFile());
        JsonNode in = batch.get("inputs");
        TransformerConfig disc = HfCheckpoint.readConfig(hf.resolve("electra-discriminator"));
        TransformerConfig gen = HfCheckpoint.readConfig(hf.resolve("electra-generator"));
        ReplacedTokenDetectionObjective objective = new ReplacedTokenDetectionObjective(disc, gen, MaskingConfig.electra(16),
                16, 1.0, 50.0, 1.0, 0).withSampling(ReplacedTokenDetectionObjective.Sampling.FIXED);
        objective.loadModels(hf.resolve("electra-discriminator"), hf.resolve("electra-generator"));

        // masked slots per row, from the fixture's [row, col] pairs
        int[][] ids = ints(in.get("input_ids"));
        List<List<Integer>> slots = List.of(new ArrayList<>(), new ArrayList<>());
        for (JsonNode rc : in.get("masked_positions")) {
            slots.get(rc.get(0).asInt()).add(rc.get(1).asInt());
        }
        int p = 7;
        int[][] pos = new int[2][p];
        int[][] tgt = new int[2][p];
        float[][] w = new float[2][p];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < slots.get(r).size(); k++) {
                pos[r][k] = slots.get(r).get(k);
                tgt[r][k] = ids[r][pos[r][k]];
                w[r][k] = 1f;
            }
        }
        MaskedBatch b = new MaskedBatch(ints(in.get("mlm_input_ids")), ids, ints(in.get("token_type_ids")),
                ints(in.get("attention_mask")), pos, tgt, w);
        SameDiff sd = SameDiff.create();
        String loss = objective.build(sd, false, 0);
        Map<String, INDArray> feed = objective.feed(b);
        feed.put(ReplacedTokenDetectionObjective.DISC_INPUT_IDS, Nd4j.createFromArray(ints(in.get("disc_input_ids"))));
        Map<String, INDArray> out = sd.output(feed, loss, "mlm_loss", "disc_loss", "replaced_fraction");
        JsonNode exp = batch.get("expected");
        assertEquals(exp.get("electra-generator").get("mlm_loss").asDouble(), out.get("mlm_loss").getDouble(0), 1e-4);
        assertEquals(exp.get("electra-discriminator").get("bce_loss").asDouble(), out.get("disc_loss").getDouble(0), 1e-4);
        assertEquals(exp.get("electra-joint").get("loss").asDouble(), out.get(loss).getDouble(0), 1e-4);
        // 6 of the 7 slots were replaced by a different token ([0, 9] sampled the original), over 27 real tokens
        assertEquals(6.0 / 27.0, out.get("replaced_fraction").getDouble(0), 1e-6);
    }
}
