package dev.electrabench.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import dev.electrabench.core.runtime.DataDir;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The eager BERT-MLM loss equals HF's {@code bert-mlm.mlm_loss} on the hf-tiny fixture batch. */
class MaskedLmStepFixtureTest {
    @Test
    void mlmLossMatchesHuggingFace() throws Exception {
        Path hf = DataDir.fixtures().resolve("hf-tiny");
        JsonNode batch = new ObjectMapper().readTree(hf.resolve("fixture_batch.json").toFile());
        JsonNode in = batch.get("inputs");
        TransformerModel model = HfCheckpoint.load(hf.resolve("bert-mlm"));
        int[][] ids = ints(in.get("input_ids"));
        int rows = ids.length;
        int[] used = new int[rows];
        int slots = 0;
        for (JsonNode rc : in.get("masked_positions")) {
            slots = Math.max(slots, ++used[rc.get(0).asInt()]);
        }
        int[][] positions = new int[rows][slots];
        int[][] targets = new int[rows][slots];
        float[][] weights = new float[rows][slots];
        int[] next = new int[rows];
        for (JsonNode rc : in.get("masked_positions")) {
            int r = rc.get(0).asInt();
            int k = next[r]++;
            positions[r][k] = rc.get(1).asInt();
            targets[r][k] = ids[r][positions[r][k]];
            weights[r][k] = 1f;
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(PretrainingFeeds.INPUT_IDS, Nd4j.createFromArray(ints(in.get("mlm_input_ids"))));
        feed.put(PretrainingFeeds.TOKEN_TYPE_IDS, Nd4j.createFromArray(ints(in.get("token_type_ids"))));
        feed.put(PretrainingFeeds.ATTENTION_MASK, Nd4j.createFromArray(ints(in.get("attention_mask"))));
        feed.put(PretrainingFeeds.MASKED_POSITIONS, Nd4j.createFromArray(positions));
        feed.put(PretrainingFeeds.MASKED_IDS, Nd4j.createFromArray(targets));
        feed.put(PretrainingFeeds.MASKED_WEIGHTS, Nd4j.createFromArray(weights));

        MaskedLmStep step = new MaskedLmStep(model.config(), model.parameters(), "bert", Heads.MlmNames.BERT,
                model.architecture().wordEmbeddings(), false);
        double loss = step.compute(feed, 0).loss();
        assertEquals(batch.get("expected").get("bert-mlm").get("mlm_loss").asDouble(), loss, 1e-4);
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
