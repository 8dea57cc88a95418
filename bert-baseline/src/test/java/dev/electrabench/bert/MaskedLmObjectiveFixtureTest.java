package dev.electrabench.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.HfCheckpoint;
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

/** The BERT baseline's training loss (MLM at the masked slots) equals HF's bert-mlm.mlm_loss on the fixture. */
class MaskedLmObjectiveFixtureTest {
    @Test
    void mlmLossMatchesHuggingFace() throws Exception {
        Path hf = DataDir.fixtures().resolve("hf-tiny");
        JsonNode batch = new ObjectMapper().readTree(hf.resolve("fixture_batch.json").toFile());
        JsonNode in = batch.get("inputs");
        MaskedLmObjective objective = new MaskedLmObjective(HfCheckpoint.readConfig(hf.resolve("bert-mlm")),
                MaskingConfig.bert(16), 16, 0);
        objective.loadModel(hf.resolve("bert-mlm"));
        int[][] ids = ints(in.get("input_ids"));
        List<List<Integer>> slots = List.of(new ArrayList<>(), new ArrayList<>());
        for (JsonNode rc : in.get("masked_positions")) {
            slots.get(rc.get(0).asInt()).add(rc.get(1).asInt());
        }
        int[][] pos = new int[2][5];
        int[][] tgt = new int[2][5];
        float[][] w = new float[2][5];
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
        Map<String, INDArray> out = sd.output(objective.feed(b), loss);
        assertEquals(batch.get("expected").get("bert-mlm").get("mlm_loss").asDouble(), out.get(loss).getDouble(0), 1e-4);
    }

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
}
