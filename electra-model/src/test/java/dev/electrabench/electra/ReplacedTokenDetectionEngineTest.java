package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.MaskingConfig;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import dev.electrabench.core.train.LossAndGradients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eager ELECTRA step against the objective's SameDiff graph in FIXED sampling mode with dropout off (loss,
 * every metric, every gradient: generator, discriminator and the shared embeddings), against HF's fixture
 * losses, and its sampling mode's basic invariants.
 */
class ReplacedTokenDetectionEngineTest {
    static final int BATCH = 3;
    static final int SEQ = 16;
    static final int SLOTS = 4;

    static ReplacedTokenDetectionObjective objective() {
        TransformerConfig d = new TransformerConfig();
        d.vocabSize = 50;
        d.embeddingSize = 16;
        d.hiddenSize = 32;
        d.numHiddenLayers = 2;
        d.numAttentionHeads = 2;
        d.intermediateSize = 64;
        d.maxPositionEmbeddings = 24;
        d.initializerRange = 0.2;
        ReplacedTokenDetectionObjective o = new ReplacedTokenDetectionObjective(d, 0.5, MaskingConfig.electra(SEQ), SEQ,
                1.0, 50.0, 1.0, 3);
        Random r = new Random(4);
        for (INDArray v : o.parameters().asMap().values()) { // biases and LayerNorms off 0 / 1
            for (long i = 0; i < v.length(); i++) {
                v.putScalar(i, v.getDouble(i) + 0.1 * r.nextGaussian());
            }
        }
        return o;
    }

    /** A masked batch with padding, repeated ids and padding slots, plus fixed "samples" for the discriminator. */
    record Fed(MaskedBatch batch, int[][] replaced) {
        /** The graph's placeholders, with the samples fed (Sampling.FIXED). */
        Map<String, INDArray> graphFeed() {
            Map<String, INDArray> feed = PretrainingFeeds.withOriginal(batch);
            feed.put(PretrainingFeeds.DISC_INPUT_IDS, Nd4j.createFromArray(replaced));
            return feed;
        }
    }

    static Fed feed(int vocab) {
        Random r = new Random(9);
        int[][] original = new int[BATCH][SEQ];
        int[][] types = new int[BATCH][SEQ];
        int[][] mask = new int[BATCH][SEQ];
        int[] lengths = {SEQ, SEQ - 5, 7};
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                original[b][t] = 1 + r.nextInt(12);
                types[b][t] = t >= lengths[b] / 2 ? 1 : 0;
                mask[b][t] = 1;
            }
        }
        int[][] positions = {{1, 3, 11, 14}, {2, 5, 0, 0}, {4, 0, 0, 0}};
        int[][] ids = new int[BATCH][];
        int[][] disc = new int[BATCH][];
        int[][] targets = new int[BATCH][SLOTS];
        float[][] weights = new float[BATCH][SLOTS];
        for (int b = 0; b < BATCH; b++) {
            ids[b] = original[b].clone();
            disc[b] = original[b].clone();
            for (int k = 0; k < SLOTS; k++) {
                int pos = positions[b][k];
                if (pos != 0) {
                    targets[b][k] = original[b][pos];
                    weights[b][k] = 1f;
                    ids[b][pos] = 3;
                    disc[b][pos] = k == 1 ? original[b][pos] : r.nextInt(vocab); // one sample equals the original
                }
            }
        }
        return new Fed(new MaskedBatch(ids, original, types, mask, positions, targets, weights), disc);
    }

    @Test
    void lossMetricsAndEveryGradientMatchSameDiff() {
        ReplacedTokenDetectionObjective o = objective().withSampling(ReplacedTokenDetectionObjective.Sampling.FIXED);
        Fed fed = feed(o.discriminatorConfig().vocabSize);
        Map<String, INDArray> feed = fed.graphFeed();
        SameDiff sd = SameDiff.create();
        String loss = o.build(sd, false, 0);
        sd.setLossVariables(loss);
        Map<String, INDArray> grads = sd.calculateGradients(feed, o.parameters().asMap().keySet());
        List<String> names = new ArrayList<>(o.metricNames().stream().filter(sd::hasVariable).toList());
        names.addAll(List.of(loss, "disc_logits", "disc_labels", PretrainingFeeds.ATTENTION_MASK));
        Map<String, INDArray> expected = sd.output(feed, names);

        LossAndGradients.Result r = o.engine(false).compute(fed.batch(), fed.replaced(), 1);

        assertEquals(expected.get(loss).getDouble(0), r.loss(), 1e-4 * Math.abs(r.loss()));
        // disc_auc is the engine's own: check it against the graph's per-token logits and labels
        assertEquals(DiscriminatorAuc.of(expected.get("disc_logits").toFloatVector(), expected.get("disc_labels").toFloatVector(),
                feed.get(PretrainingFeeds.ATTENTION_MASK).castTo(DataType.FLOAT).reshape(-1).toFloatVector()),
                r.metrics().get("disc_auc"), 1e-3, "disc_auc");
        for (String m : names.subList(0, names.size() - 4)) {
            double want = expected.get(m).getDouble(0);
            assertEquals(want, r.metrics().get(m), 1e-4 * Math.max(1, Math.abs(want)), m);
        }
        List<String> failures = new ArrayList<>();
        for (String name : o.parameters().asMap().keySet()) {
            double error = r.gradients().get(name).sub(grads.get(name)).norm2Number().doubleValue();
            double scale = grads.get(name).norm2Number().doubleValue();
            if (!(error <= 1e-4 * scale + 1e-6)) { // + 1e-6: key biases have a true gradient of 0
                failures.add(name + ": |diff| " + error + " vs |grad| " + scale);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void sampledStepIsAFunctionOfTheSeed() {
        ReplacedTokenDetectionObjective o = objective();
        MaskedBatch feed = feed(o.discriminatorConfig().vocabSize).batch();
        LossAndGradients.Result a = o.engine(true).compute(feed, 5);
        double lossA = a.loss();
        double replaced = a.metrics().get("replaced_fraction");
        LossAndGradients.Result b = o.engine(true).compute(feed, 5);
        assertEquals(lossA, b.loss());
        assertEquals(replaced, b.metrics().get("replaced_fraction"));
        assertNotEquals(lossA, o.engine(true).compute(feed, 6).loss());
        // at most the 7 real slots can be replaced, over 34 real tokens
        assertTrue(replaced >= 0 && replaced <= 7.0 / 34 + 1e-6, "replaced fraction " + replaced);
    }

    @Test
    void jointLossMatchesTheHfFixture() throws Exception {
        JsonNode batch = HfFixture.batch();
        JsonNode in = batch.get("inputs");
        TransformerConfig disc = HfCheckpoint.readConfig(HfFixture.folder("electra-discriminator"));
        TransformerConfig gen = HfCheckpoint.readConfig(HfFixture.folder("electra-generator"));
        ReplacedTokenDetectionObjective o = new ReplacedTokenDetectionObjective(disc, gen, MaskingConfig.electra(16), 16,
                1.0, 50.0, 1.0, 0);
        o.loadModels(HfFixture.folder("electra-discriminator"), HfFixture.folder("electra-generator"));
        LossAndGradients.Result r = o.engine(false).compute(HfFixture.maskedBatch(in, 7), HfFixture.ints(in.get("disc_input_ids")), 0);

        JsonNode exp = batch.get("expected");
        assertEquals(exp.get("electra-generator").get("mlm_loss").asDouble(), r.metrics().get("mlm_loss"), 1e-4);
        assertEquals(exp.get("electra-discriminator").get("bce_loss").asDouble(), r.metrics().get("disc_loss"), 1e-4);
        assertEquals(exp.get("electra-joint").get("loss").asDouble(), r.loss(), 1e-4);
        assertEquals(6.0 / 27.0, r.metrics().get("replaced_fraction"), 1e-6);
    }
}
