package dev.electrabench.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.MaskedLmHeadGraph;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import dev.electrabench.core.train.LossAndGradients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The eager BERT-MLM step against the SameDiff graph built from the same core classes
 * ({@code TransformerEncoderGraph} + {@code MaskedLmHeadGraph}, as {@code MaskedLmObjective} does), dropout off:
 * loss, accuracy and every parameter's gradient. Rows have padding, token ids repeat (scatter-add), some
 * slots are padding slots (weight 0) and point at position 0.
 */
class MaskedLmEngineTest {
    static final int BATCH = 3;
    static final int SEQ = 16;
    static final int SLOTS = 4;

    static TransformerConfig config(Integer embeddingSize) {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 50;
        c.embeddingSize = embeddingSize;
        c.hiddenSize = 32;
        c.numHiddenLayers = 2;
        c.numAttentionHeads = 2;
        c.intermediateSize = 64;
        c.maxPositionEmbeddings = 24;
        c.typeVocabSize = 2;
        c.initializerRange = 0.2;
        return c;
    }

    /** HF-initialised weights with biases and LayerNorms moved off 0 / 1 so their gradients matter. */
    static Parameters parameters(Architecture a, TransformerConfig c, long seed) {
        Parameters p = Parameters.initialize(a.specs(c), c.initializerRange, seed, DataType.FLOAT);
        Random r = new Random(seed);
        for (Map.Entry<String, INDArray> e : p.asMap().entrySet()) {
            INDArray v = e.getValue();
            for (long i = 0; i < v.length(); i++) {
                v.putScalar(i, v.getDouble(i) + 0.1 * r.nextGaussian());
            }
        }
        return p;
    }

    static MaskedBatch batch(int vocab, long seed) {
        Random r = new Random(seed);
        int[][] ids = new int[BATCH][SEQ];
        int[][] types = new int[BATCH][SEQ];
        int[][] mask = new int[BATCH][SEQ];
        int[] lengths = {SEQ, SEQ - 5, 7};
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                ids[b][t] = 1 + r.nextInt(Math.min(vocab - 1, 12)); // few distinct ids: repeats
                types[b][t] = t >= lengths[b] / 2 ? 1 : 0;
                mask[b][t] = 1;
            }
        }
        int[][] positions = {{1, 3, 3 + SEQ / 2, 14}, {2, 5, 0, 0}, {4, 0, 0, 0}};
        int[][] targets = new int[BATCH][SLOTS];
        float[][] weights = new float[BATCH][SLOTS];
        for (int b = 0; b < BATCH; b++) {
            for (int k = 0; k < SLOTS; k++) {
                if (positions[b][k] != 0) {
                    targets[b][k] = r.nextInt(vocab);
                    weights[b][k] = 1f;
                    ids[b][positions[b][k]] = 3; // the [MASK] stand-in
                }
            }
        }
        return new MaskedBatch(ids, ids, types, mask, positions, targets, weights);
    }

    static Map<String, INDArray> feed(MaskedBatch batch) {
        return PretrainingFeeds.maskedLm(batch);
    }

    static Architecture architecture(TransformerConfig c) {
        return c.embeddingSize() == c.hiddenSize ? Architecture.BERT_FOR_MASKED_LM : Architecture.ELECTRA_FOR_MASKED_LM;
    }

    static Heads.MlmNames head(Architecture a) {
        return a == Architecture.BERT_FOR_MASKED_LM ? Heads.MlmNames.BERT : Heads.MlmNames.ELECTRA_GENERATOR;
    }

    /** Loss, accuracy and gradients from SameDiff's gradient function. */
    static Map<String, INDArray> sameDiff(Architecture a, TransformerConfig c, Parameters p, Map<String, INDArray> feed) {
        SameDiff sd = SameDiff.create();
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd);
        SDVariable positions = sd.placeHolder(PretrainingFeeds.MASKED_POSITIONS, DataType.INT, -1, -1);
        SDVariable ids = sd.placeHolder(PretrainingFeeds.MASKED_IDS, DataType.INT, -1, -1);
        SDVariable weights = sd.placeHolder(PretrainingFeeds.MASKED_WEIGHTS, DataType.FLOAT, -1, -1);
        String bb = a.backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, p, c, bb, bb, in, false);
        MaskedLmHeadGraph.Outputs mlm = MaskedLmHeadGraph.build(sd, p, c, head(a), a.wordEmbeddings(), enc.last(),
                in.inputIds(), positions, ids, weights);
        mlm.loss().rename("loss");
        mlm.accuracy().rename("accuracy");
        sd.setLossVariables("loss");
        Map<String, INDArray> out = new HashMap<>(sd.calculateGradients(feed, p.asMap().keySet()));
        Map<String, INDArray> scalars = sd.output(feed, "loss", "accuracy");
        out.put("#loss", scalars.get("loss"));
        out.put("#accuracy", scalars.get("accuracy"));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 32})
    void lossAndEveryGradientMatchSameDiff(int embeddingSize) {
        TransformerConfig c = config(embeddingSize);
        Architecture a = architecture(c);
        Parameters p = parameters(a, c, 11);
        MaskedBatch batch = batch(c.vocabSize, 5);
        Map<String, INDArray> expected = sameDiff(a, c, p, feed(batch));

        LossAndGradients.Result r = new MaskedLmEngine(c, p, a.backbone(), head(a), a.wordEmbeddings(), false).compute(batch, 1);

        assertEquals(expected.get("#loss").getDouble(0), r.loss(), 1e-4 * Math.abs(r.loss()));
        assertEquals(expected.get("#accuracy").getDouble(0), r.metrics().get("mlm_accuracy"), 1e-6);
        assertEquals(r.loss(), r.metrics().get("mlm_loss"));
        List<String> failures = new ArrayList<>();
        for (String name : p.asMap().keySet()) {
            INDArray want = expected.get(name);
            INDArray got = r.gradients().get(name);
            double error = got.sub(want).norm2Number().doubleValue();
            double scale = want.norm2Number().doubleValue();
            // key biases: softmax cancels them, the true gradient is 0 and both sides hold rounding noise
            if (!(error <= 1e-4 * scale + 1e-6)) {
                failures.add(name + ": |diff| " + error + " vs |grad| " + scale);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void dropoutDependsOnlyOnTheStepSeed() {
        TransformerConfig c = config(32);
        c.hiddenDropoutProb = 0.1;
        c.attentionProbsDropoutProb = 0.1;
        Architecture a = architecture(c);
        Parameters p = parameters(a, c, 11);
        MaskedBatch feed = batch(c.vocabSize, 5);
        MaskedLmEngine one = new MaskedLmEngine(c, p, a.backbone(), head(a), a.wordEmbeddings(), true);
        MaskedLmEngine other = new MaskedLmEngine(c, p, a.backbone(), head(a), a.wordEmbeddings(), true);
        double first = one.compute(feed, 42).loss();
        INDArray grad = one.compute(feed, 42).gradients().get("bert.encoder.layer.0.attention.self.query.weight").dup();
        assertNotEquals(first, other.compute(feed, 7).loss());
        LossAndGradients.Result again = other.compute(feed, 42);
        assertEquals(first, again.loss());
        assertEquals(grad, again.gradients().get("bert.encoder.layer.0.attention.self.query.weight"));
        double noDropout = new MaskedLmEngine(c, p, a.backbone(), head(a), a.wordEmbeddings(), false).compute(feed, 42).loss();
        assertNotEquals(noDropout, first);
    }

    /**
     * mlm_masked_accuracy counts only slots whose input token differs from the target. Targets are set from
     * SameDiff's own predictions: per slot right, wrong, or equal to the input token (3, the [MASK] stand-in),
     * so the expected value is worked out here from the graph's argmax, independently of the engine.
     */
    @Test
    void maskedAccuracyLeavesOutSlotsWhoseInputIsTheTarget() {
        TransformerConfig c = config(32);
        Architecture a = architecture(c);
        Parameters p = parameters(a, c, 11);
        MaskedBatch batch = batch(c.vocabSize, 5);
        Map<String, INDArray> feed = feed(batch);
        SameDiff sd = SameDiff.create();
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd);
        SDVariable positions = sd.placeHolder(PretrainingFeeds.MASKED_POSITIONS, DataType.INT, -1, -1);
        SDVariable ids = sd.placeHolder(PretrainingFeeds.MASKED_IDS, DataType.INT, -1, -1);
        SDVariable weights = sd.placeHolder(PretrainingFeeds.MASKED_WEIGHTS, DataType.FLOAT, -1, -1);
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, p, c, a.backbone(), a.backbone(), in, false);
        MaskedLmHeadGraph.Outputs mlm = MaskedLmHeadGraph.build(sd, p, c, head(a), a.wordEmbeddings(), enc.last(),
                in.inputIds(), positions, ids, weights);
        int[][] predicted = sd.output(feed, mlm.predictions().name()).get(mlm.predictions().name())
                .castTo(DataType.INT).reshape(BATCH, SLOTS).toIntMatrix();
        int[][] pos = feed.get(PretrainingFeeds.MASKED_POSITIONS).toIntMatrix();
        int[][] input = feed.get(PretrainingFeeds.INPUT_IDS).toIntMatrix();
        float[][] w = feed.get(PretrainingFeeds.MASKED_WEIGHTS).toFloatMatrix();
        int[][] targets = new int[BATCH][SLOTS];
        int hidden = 0;
        int hits = 0;
        int slot = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int k = 0; k < SLOTS; k++, slot++) {
                int inputId = input[b][pos[b][k]];
                targets[b][k] = switch (slot % 3) {
                    case 0 -> predicted[b][k];
                    case 1 -> (predicted[b][k] + 1) % c.vocabSize;
                    default -> inputId;
                };
                if (w[b][k] != 0f && targets[b][k] != inputId) {
                    hidden++;
                    hits += targets[b][k] == predicted[b][k] ? 1 : 0;
                }
            }
        }
        assertTrue(hidden > 0 && hits > 0 && hits < hidden, hits + " of " + hidden);
        MaskedBatch retargeted = new MaskedBatch(batch.inputIds(), batch.originalIds(), batch.tokenTypeIds(),
                batch.attentionMask(), batch.maskedPositions(), targets, batch.maskedWeights());

        LossAndGradients.Result r = new MaskedLmEngine(c, p, a.backbone(), head(a), a.wordEmbeddings(), false)
                .compute(retargeted, 1);

        assertEquals((double) hits / hidden, r.metrics().get("mlm_masked_accuracy"), 1e-12);
        assertNotEquals(r.metrics().get("mlm_accuracy"), r.metrics().get("mlm_masked_accuracy"));
    }
}
