package dev.electrabench.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Losses;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.model.TransformerModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every fine-tuning head and loss on the eager engine against the SameDiff graph built from the same
 * core classes ({@code TransformerEncoderGraph} + {@code Architecture.logits} + {@code Losses}), dropout
 * off: loss and every parameter's gradient within 1e-4 relative, for sequence classification (the paper's
 * head, HF's ElectraClassificationHead and BERT's pooler head), STS-B regression, token classification
 * (weighted CE; ELECTRA and BERT) and question answering; and evaluation (a batch cut to its longest row, fewer rows than the engine holds)
 * gives the graph's logits.
 */
class TaskModelEngineTest {
    static final int BATCH = 3;
    static final int SEQ = 12;
    static final int[] LENGTHS = {SEQ, 9, 5};

    enum Head { PAPER_CLASSIFIER, HF_CLASSIFIER, BERT_POOLER_CLASSIFIER, REGRESSION, TOKENS, BERT_TOKENS, SPANS }

    static Stream<Arguments> heads() {
        // BERT has no factorised embedding: E == H only
        return Stream.of(Head.values()).flatMap(h -> h.name().startsWith("BERT") ? Stream.of(Arguments.of(h, 32))
                : Stream.of(Arguments.of(h, 16), Arguments.of(h, 32)));
    }

    static TransformerConfig config(Head head, int embeddingSize) {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 40;
        c.embeddingSize = embeddingSize;
        c.hiddenSize = 32;
        c.numHiddenLayers = 2;
        c.numAttentionHeads = 4;
        c.intermediateSize = 48;
        c.maxPositionEmbeddings = 20;
        c.typeVocabSize = 2;
        c.initializerRange = 0.2;
        c.hiddenDropoutProb = 0.0;
        c.attentionProbsDropoutProb = 0.0;
        c.numLabels = switch (head) {
            case REGRESSION -> 1;
            case SPANS -> 2;
            default -> 3;
        };
        if (head == Head.PAPER_CLASSIFIER || head == Head.REGRESSION) {
            c.otherFields().put(Architecture.PAPER_HEAD_KEY, true);
        }
        return c;
    }

    static Architecture architecture(Head head) {
        return switch (head) {
            case TOKENS -> Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION;
            case BERT_TOKENS -> Architecture.BERT_FOR_TOKEN_CLASSIFICATION;
            case BERT_POOLER_CLASSIFIER -> Architecture.BERT_FOR_SEQUENCE_CLASSIFICATION;
            case SPANS -> Architecture.ELECTRA_FOR_QUESTION_ANSWERING;
            default -> Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION;
        };
    }

    /** HF-initialised weights moved off 0 / 1 so that every gradient matters. */
    static TransformerModel model(Head head, int embeddingSize) {
        TransformerConfig c = config(head, embeddingSize);
        Architecture a = architecture(head);
        Parameters p = Parameters.initialize(a.specs(c), c.initializerRange, 3, DataType.FLOAT);
        Random r = new Random(3);
        for (INDArray v : p.asMap().values()) {
            for (long i = 0; i < v.length(); i++) {
                v.putScalar(i, v.getDouble(i) + 0.1 * r.nextGaussian());
            }
        }
        return new TransformerModel(c, a, p);
    }

    record Batch(int[][] ids, int[][] types, int[][] mask, int[] labels, float[] scores, int[] tokenLabels,
                 float[] tokenWeights, int[] starts, int[] ends) {}

    static Batch batch(int vocab, int classes) {
        Random r = new Random(7);
        int[][] ids = new int[BATCH][SEQ];
        int[][] types = new int[BATCH][SEQ];
        int[][] mask = new int[BATCH][SEQ];
        int[] tokenLabels = new int[BATCH * SEQ];
        float[] tokenWeights = new float[BATCH * SEQ];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                ids[b][t] = 1 + r.nextInt(vocab - 1);
                types[b][t] = t >= LENGTHS[b] / 2 ? 1 : 0;
                mask[b][t] = 1;
                tokenLabels[b * SEQ + t] = r.nextInt(classes);
                tokenWeights[b * SEQ + t] = t % 3 == 0 ? 0f : 1f; // continuation sub-tokens carry no label
            }
        }
        return new Batch(ids, types, mask, new int[] {2, 0, 1}, new float[] {4.2f, 0.5f, 2.75f}, tokenLabels, tokenWeights,
                new int[] {3, 0, 2}, new int[] {5, 0, 4});
    }

    /** The graph's loss and gradients ("#loss"), as the task adapters build it. */
    static Map<String, INDArray> graph(Head head, TransformerModel m, Batch x) {
        SameDiff sd = SameDiff.create();
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd, BATCH, SEQ);
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, m.parameters(), m.config(), m.architecture().backbone(),
                m.architecture().backbone(), in, false);
        SDVariable logits = m.architecture().logits(sd, m.parameters(), m.config(), enc, in, false);
        int classes = m.config().labelCount();
        SDVariable loss = switch (head) {
            case REGRESSION -> Losses.scaledRegression(sd, logits, sd.constant(Nd4j.createFromArray(x.scores())), 5.0);
            case TOKENS, BERT_TOKENS -> Losses.weightedMean(Losses.crossEntropyPerRow(sd, logits,
                    sd.constant(Nd4j.createFromArray(x.tokenLabels())), classes), sd.constant(Nd4j.createFromArray(x.tokenWeights())));
            case SPANS -> Losses.questionAnswering(sd, logits, sd.constant(Nd4j.createFromArray(x.starts())),
                    sd.constant(Nd4j.createFromArray(x.ends())), SEQ);
            default -> Losses.crossEntropyPerRow(sd, logits, sd.constant(Nd4j.createFromArray(x.labels())), classes).mean();
        };
        loss.rename("loss");
        sd.setLossVariables("loss");
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("input_ids", Nd4j.createFromArray(x.ids()));
        feed.put("token_type_ids", Nd4j.createFromArray(x.types()));
        feed.put("attention_mask", Nd4j.createFromArray(x.mask()));
        Map<String, INDArray> out = new HashMap<>(sd.calculateGradients(feed, m.parameters().asMap().keySet()));
        out.put("#loss", sd.output(feed, "loss").get("loss"));
        return out;
    }

    static double engineLoss(Head head, TaskModelEngine e, Batch x, FloatTensor logits) {
        return switch (head) {
            case REGRESSION -> TaskLossKernels.scaledRegression(logits, BATCH, x.scores(), 5.0, e.logitGradient());
            case TOKENS, BERT_TOKENS -> TaskLossKernels.crossEntropy(logits, BATCH * SEQ, e.classes(), x.tokenLabels(), x.tokenWeights(),
                    e.logitGradient());
            case SPANS -> TaskLossKernels.questionAnswering(logits, BATCH, SEQ, x.starts(), x.ends(), e.logitGradient());
            default -> TaskLossKernels.crossEntropy(logits, BATCH, e.classes(), x.labels(), null, e.logitGradient());
        };
    }

    @ParameterizedTest
    @MethodSource("heads")
    void lossAndEveryGradientMatchTheGraph(Head head, int embeddingSize) {
        TransformerModel m = model(head, embeddingSize);
        Batch x = batch(m.config().vocabSize, 3);
        Map<String, INDArray> expected = graph(head, m, x);

        // the engine holds more rows than this batch, as training's last batches may
        TaskModelEngine e = new TaskModelEngine(m, BATCH + 2, SEQ + 4, true);
        int[][] ids = widen(x.ids());
        FloatTensor logits = e.forward(ids, widen(x.types()), widen(x.mask()), SEQ, 99, false);
        double loss = engineLoss(head, e, x, logits);
        e.backward();

        assertEquals(expected.get("#loss").getDouble(0), loss, 1e-4 * Math.abs(loss) + 1e-7, "loss");
        List<String> failures = new ArrayList<>();
        for (String name : m.parameters().asMap().keySet()) {
            INDArray want = expected.get(name);
            INDArray got = e.gradients().get(name);
            double error = got.sub(want).norm2Number().doubleValue();
            double scale = want.norm2Number().doubleValue();
            if (!(error <= 1e-4 * scale + 1e-6)) { // + 1e-6: key biases have a true gradient of 0
                failures.add(name + ": |diff| " + error + " vs |grad| " + scale);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @ParameterizedTest
    @MethodSource("heads")
    void evaluationOfAShortBatchGivesTheGraphsLogits(Head head, int embeddingSize) {
        TransformerModel m = model(head, embeddingSize);
        Batch x = batch(m.config().vocabSize, 3);
        int rows = 2;
        int longest = Math.max(LENGTHS[0], LENGTHS[1]) - 2; // rows cut below the batch length, as the graph's
        int[][] ids = new int[rows][];
        int[][] types = new int[rows][];
        int[][] mask = new int[rows][];
        for (int b = 0; b < rows; b++) {
            ids[b] = java.util.Arrays.copyOf(x.ids()[b + 1], longest);
            types[b] = java.util.Arrays.copyOf(x.types()[b + 1], longest);
            mask[b] = java.util.Arrays.copyOf(x.mask()[b + 1], longest);
        }
        SameDiff sd = SameDiff.create();
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd);
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, m.parameters(), m.config(), m.architecture().backbone(),
                m.architecture().backbone(), in, false);
        SDVariable out = m.architecture().logits(sd, m.parameters(), m.config(), enc, in, false);
        Map<String, INDArray> feed = Map.of("input_ids", Nd4j.createFromArray(ids), "token_type_ids", Nd4j.createFromArray(types),
                "attention_mask", Nd4j.createFromArray(mask));
        float[] want = sd.output(feed, out.name()).get(out.name()).castTo(DataType.FLOAT).dup('c').data().asFloat();

        TaskModelEngine e = new TaskModelEngine(m, BATCH, SEQ, true);
        e.forward(widen(x.ids()), widen(x.types()), widen(x.mask()), SEQ, 5, true); // a training batch first
        FloatTensor logits = e.forward(ids, types, mask, longest, 0, false);
        assertEquals(want.length, e.logitRows() * e.classes());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], logits.get(i), 1e-4 * Math.max(1, Math.abs(want[i])), "logit " + i);
        }
    }

    /** Rows longer than the batch's length, as padded features are: the engine reads the first seq values. */
    private static int[][] widen(int[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = java.util.Arrays.copyOf(rows[i], rows[i].length + 4);
        }
        return out;
    }
}
