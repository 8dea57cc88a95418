package dev.electrabench.core.model;

import dev.electrabench.core.fixtures.HfFixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TransformerModel#forward} (SameDiff, float32) against {@link ReferenceForward} (plain loops,
 * float64) on shapes the HF fixtures do not have: E == H and E ≠ H (both directions), 1 and 3 layers,
 * 1 to 4 heads, odd vocabularies, three token types, length 1 and 40, batch 1 and 3 with padding, both
 * sequence-classification heads and 5-label token classification. The reference is first checked
 * against HF itself on the fixture checkpoints, so agreement here means agreement with HF.
 */
class ForwardShapesTest {
    static final double TOL = 1e-4;

    /** One random model and batch. {@code lengths[r]} real tokens in row r, the rest padding. */
    record Case(String name, Architecture arch, int vocab, Integer embedding, int hidden, int layers, int heads,
                int ffn, int maxPos, int typeVocab, Integer labels, Map<String, Object> extra, int seqLen,
                int[] lengths, long[] expectedLogits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Map<String, Object> paper = Map.of(Architecture.PAPER_HEAD_KEY, true);
        // HF fine-tuning configs carry id2label instead of num_labels
        Map<String, Object> id2label3 = Map.of("id2label", new LinkedHashMap<>(Map.of("0", "A", "1", "B", "2", "C")));
        return Stream.of(
                new Case("disc E==H (no projection), 1 layer, 4 heads of 8, vocab 37, 3 types, length 1, batch 1",
                        Architecture.ELECTRA_FOR_PRETRAINING, 37, 32, 32, 1, 4, 48, 8, 3, null, Map.of(),
                        1, new int[] {1}, new long[] {1, 1}),
                new Case("disc E<H projection, 3 layers, 4 heads of 8, length 40, batch 3 padded",
                        Architecture.ELECTRA_FOR_PRETRAINING, 53, 16, 32, 3, 4, 64, 48, 2, null, Map.of(),
                        40, new int[] {40, 23, 7}, new long[] {3, 40}),
                new Case("generator E>H projection, 1 head, 3 types, batch 3 padded",
                        Architecture.ELECTRA_FOR_MASKED_LM, 29, 24, 16, 2, 1, 40, 16, 3, null, Map.of(),
                        9, new int[] {9, 4, 1}, new long[] {3, 9, 29}),
                new Case("generator E==H, 1 layer, 2 heads of 8",
                        Architecture.ELECTRA_FOR_MASKED_LM, 31, 16, 16, 1, 2, 32, 8, 2, null, Map.of(),
                        5, new int[] {5, 3}, new long[] {2, 5, 31}),
                new Case("bert 3 layers, 4 heads of 8, 3 types, batch 3 padded",
                        Architecture.BERT_FOR_MASKED_LM, 41, null, 32, 3, 4, 64, 32, 3, null, Map.of(),
                        12, new int[] {12, 8, 2}, new long[] {3, 12, 41}),
                new Case("bert 1 layer, 1 head, length 1",
                        Architecture.BERT_FOR_MASKED_LM, 23, null, 8, 1, 1, 16, 4, 2, null, Map.of(),
                        1, new int[] {1, 1}, new long[] {2, 1, 23}),
                new Case("seqcls HF head, 3 labels from id2label, E<H, batch 3 padded",
                        Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, 45, 16, 32, 2, 4, 64, 16, 2, null, id2label3,
                        10, new int[] {10, 6, 3}, new long[] {3, 3}),
                new Case("seqcls paper head, 4 labels, E==H, 1 layer, length 1, batch 1",
                        Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, 19, 24, 24, 1, 3, 32, 4, 3, 4, paper,
                        1, new int[] {1}, new long[] {1, 4}),
                new Case("seqcls paper head, 2 labels, E<H, 3 layers, batch 3 padded",
                        Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, 33, 8, 32, 3, 4, 48, 16, 2, 2, paper,
                        11, new int[] {11, 5, 2}, new long[] {3, 2}),
                new Case("token cls 5 labels, E<H, 3 layers, 3 heads of 8, batch 3 padded",
                        Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION, 39, 8, 24, 3, 3, 40, 16, 3, 5, Map.of(),
                        14, new int[] {14, 9, 1}, new long[] {3, 14, 5}),
                new Case("token cls 5 labels, E==H, 1 layer, length 1, batch 1",
                        Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION, 17, 16, 16, 1, 2, 24, 2, 2, 5, Map.of(),
                        1, new int[] {1}, new long[] {1, 1, 5}))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheFloat64Reference(Case k) {
        TransformerConfig c = config(k);
        TransformerModel model = TransformerModel.initialize(c, k.arch(), 11);
        perturbBiasesAndLayerNorms(model.parameters(), new Random(k.name().hashCode()));
        Random rng = new Random(7);
        int b = k.lengths().length;
        int[][] ids = new int[b][k.seqLen()];
        int[][] types = new int[b][k.seqLen()];
        int[][] mask = new int[b][k.seqLen()];
        for (int r = 0; r < b; r++) {
            for (int t = 0; t < k.lengths()[r]; t++) {
                ids[r][t] = rng.nextInt(k.vocab()); // 0 ([PAD]) may occur unmasked too
                types[r][t] = rng.nextInt(k.typeVocab());
                mask[r][t] = 1;
            }
        }
        TransformerModel.Forward got = model.forward(ids, types, mask);
        ReferenceForward.Output want = new ReferenceForward(c, k.arch().hfName(), model.parameters().asMap()).run(ids, types, mask);

        assertArrayEquals(k.expectedLogits(), got.logits().shape(), "logits shape");
        assertArrayEquals(k.expectedLogits(), want.logitsShape(), "reference logits shape");
        assertClose("embedding LayerNorm", flatten(want.embeddingLayerNorm()), got.embeddingLayerNorm());
        assertClose("encoder input", flatten(want.encoderInput()), got.encoderInput());
        assertEquals(k.layers(), got.hiddenStates().size());
        for (int l = 0; l < k.layers(); l++) {
            assertClose("hidden state " + l, flatten(want.hiddenStates().get(l)), got.hiddenStates().get(l));
        }
        assertClose("logits", want.logits(), got.logits());
    }

    /** The reference reproduces HF's own outputs on the fixture checkpoints (README tolerance 1e-4). */
    @ParameterizedTest
    @ValueSource(strings = {"electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls"})
    void referenceMatchesHuggingFaceOnTheFixtures(String name) throws IOException {
        JsonNode batch = new ObjectMapper().readTree(DataDir.fixtures().resolve("hf-tiny/fixture_batch.json").toFile());
        TransformerModel m = HfCheckpoint.load(DataDir.fixtures().resolve("hf-tiny").resolve(name));
        JsonNode in = batch.get("inputs");
        JsonNode exp = batch.get("expected").get(name);
        ReferenceForward.Output out = new ReferenceForward(m.config(), m.architecture().hfName(), m.parameters().asMap())
                .run(HfFixture.ints(in.get(exp.get("input").asText())), HfFixture.ints(in.get("token_type_ids")), HfFixture.ints(in.get("attention_mask")));
        assertWithin(name + " last_hidden_state", doubles(exp.get("last_hidden_state")), flatten(out.hiddenStates().get(out.hiddenStates().size() - 1)));
        assertWithin(name + " logits", doubles(exp.get("logits")), out.logits());
    }

    static TransformerConfig config(Case k) {
        TransformerConfig c = new TransformerConfig();
        c.architectures = List.of(k.arch().hfName());
        c.modelType = k.arch().modelType();
        c.vocabSize = k.vocab();
        c.embeddingSize = k.embedding();
        c.hiddenSize = k.hidden();
        c.numHiddenLayers = k.layers();
        c.numAttentionHeads = k.heads();
        c.intermediateSize = k.ffn();
        c.maxPositionEmbeddings = k.maxPos();
        c.typeVocabSize = k.typeVocab();
        c.numLabels = k.labels();
        c.initializerRange = 0.2; // large enough that attention is far from uniform
        k.extra().forEach((key, value) -> c.otherFields().put(key, value));
        return c;
    }

    /** HF initialises biases to 0 and LayerNorm to (1, 0); shift them so a missing term shows. */
    static void perturbBiasesAndLayerNorms(Parameters p, Random rng) {
        for (Map.Entry<String, INDArray> e : p.asMap().entrySet()) {
            String name = e.getKey();
            double sd = name.endsWith("LayerNorm.weight") ? 0.2 : name.endsWith("bias") ? 0.1 : 0.0;
            if (sd > 0) {
                INDArray a = e.getValue();
                double[] noise = new double[(int) a.length()];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = rng.nextGaussian() * sd;
                }
                a.addi(Nd4j.create(noise, a.shape(), 'c').castTo(a.dataType()));
            }
        }
    }

    static void assertClose(String what, double[] expected, INDArray actual) {
        assertWithin(what, expected, actual.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    static void assertWithin(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": element count");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= TOL, what + ": max |diff| " + worst + " > " + TOL);
    }

    static double[] flatten(double[][][] x) {
        List<Double> out = new ArrayList<>();
        for (double[][] a : x) {
            for (double[] row : a) {
                for (double v : row) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }


    static double[] doubles(JsonNode n) {
        List<Double> out = new ArrayList<>();
        collect(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(child -> collect(child, out));
        } else {
            out.add(n.asDouble());
        }
    }
}
