package dev.electrabench.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.config.TransformerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite differences (float64) against SameDiff's gradients for the encoder with every head. The inputs
 * repeat token ids within and across rows and pad one row, so a gather gradient that assigns instead of
 * adding, a loss that ignores its upstream gradient, or a wrong mask gradient all fail here.
 */
class EncoderGradientCheckTest {
    private static final boolean PRINT = Boolean.getBoolean("gradcheck.print");
    private static DataType previous;

    @BeforeAll
    static void doublePrecision() {
        previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    static TransformerConfig tinyConfig(Architecture a) {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 11;
        c.embeddingSize = a.backbone().equals("bert") ? null : 6;
        c.hiddenSize = 8;
        c.numHiddenLayers = 2;
        c.numAttentionHeads = 2;
        c.intermediateSize = 12;
        c.maxPositionEmbeddings = 8;
        c.typeVocabSize = 2;
        c.initializerRange = 0.5;
        c.numLabels = 3;
        c.architectures = List.of(a.hfName());
        return c;
    }

    /** BERT's token-classification and QA heads are ELECTRA's on BERT's encoder, both checked here already. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"BERT_FOR_TOKEN_CLASSIFICATION", "BERT_FOR_QUESTION_ANSWERING"})
    void gradientsMatchFiniteDifferences(Architecture a) {
        String only = System.getProperty("gradcheck.only");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.equals(a.name()));
        TransformerConfig c = tinyConfig(a);
        Parameters p = Parameters.initialize(a.specs(c), c.initializerRange, 7, DataType.DOUBLE);
        // make biases and LayerNorm non-trivial so their gradients are exercised
        java.util.Random r = new java.util.Random(3);
        Nd4j.getRandom().setSeed(Long.getLong("gradcheck.seed", 3L));
        for (Map.Entry<String, INDArray> e : p.asMap().entrySet()) {
            if (e.getKey().endsWith("bias") || e.getKey().contains("LayerNorm")) {
                e.getValue().addi(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5).muli(0.2 + r.nextDouble() * 0.1));
            }
        }
        SameDiff sd = SameDiff.create();
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd);
        String bb = a.backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, p, c, bb, bb, in, false);
        SDVariable logits = a.logits(sd, p, c, enc, in, false);
        SDVariable labels = sd.placeHolder("labels", DataType.INT, -1);
        SDVariable weights = sd.placeHolder("weights", DataType.INT, -1);
        Architecture.Head head = a.head();
        SDVariable loss = switch (head) {
            case DISCRIMINATOR -> Losses.weightedMean(Losses.binaryCrossEntropyPerRow(sd, logits, labels), weights).mul(50.0);
            case MASKED_LM -> Losses.weightedMean(Losses.crossEntropyPerRow(sd, logits, labels, c.vocabSize), weights);
            case SEQUENCE_CLASSIFICATION -> Losses.crossEntropyPerRow(sd, logits, labels, 3).mean();
            case TOKEN_CLASSIFICATION -> Losses.weightedMean(Losses.crossEntropyPerRow(sd, logits, labels, 3), weights).div(3.0);
            case QUESTION_ANSWERING -> Losses.questionAnswering(sd, logits,
                    sd.placeHolder("starts", DataType.INT, -1), sd.placeHolder("ends", DataType.INT, -1), 6);
        };
        loss.rename("loss");
        sd.setLossVariables("loss");

        int[][] ids = {{1, 5, 5, 2, 7, 5}, {1, 7, 7, 2, 0, 0}};
        int[][] types = {{0, 0, 0, 0, 1, 1}, {0, 0, 0, 1, 0, 0}};
        int[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("input_ids", Nd4j.createFromArray(ids));
        ph.put("token_type_ids", Nd4j.createFromArray(types));
        ph.put("attention_mask", Nd4j.createFromArray(mask));
        if (head == Architecture.Head.QUESTION_ANSWERING) {
            ph.put("starts", Nd4j.createFromArray(2, 0)); // row 1: no answer in the window → [CLS]
            ph.put("ends", Nd4j.createFromArray(4, 0));
        }
        if (head == Architecture.Head.SEQUENCE_CLASSIFICATION) {
            ph.put("labels", Nd4j.createFromArray(0, 2));
            ph.put("weights", Nd4j.createFromArray(1, 1));
        } else {
            int classes = switch (head) {
                case DISCRIMINATOR -> 2;
                case TOKEN_CLASSIFICATION -> 3;
                default -> c.vocabSize;
            };
            ph.put("labels", Nd4j.createFromArray(1 % classes, 3 % classes, 0, 1 % classes, 5 % classes, 0, 0, 2 % classes, 1 % classes, 0, 0, 0));
            ph.put("weights", Nd4j.createFromArray(1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0));
        }
        // every parameter tensor, 6 evenly spaced elements each: full coverage of tensors at CI cost
        // The key bias adds q·b_k to every key of a query row, which softmax cancels: its true gradient is
        // exactly 0 and finite differences only see rounding noise, so it cannot be checked relatively.
        java.util.Set<String> skip = new java.util.HashSet<>();
        for (String name : p.asMap().keySet()) {
            if (name.endsWith("attention.self.key.bias")) {
                skip.add(name);
            }
        }
        boolean ok = GradCheckUtil.checkGradients(sd, ph, 1e-6, 1e-4, 1e-8, PRINT, false, false, false, skip, null,
                6, GradCheckUtil.Subset.EVERY_N);
        assertTrue(ok, "gradient check failed for " + a);
    }
}
