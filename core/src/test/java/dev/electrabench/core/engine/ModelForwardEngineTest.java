package dev.electrabench.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's eval forward pass equals the graph's ({@code TransformerModel.forward}) for every architecture:
 * the HF fixture models (discriminator, generator, BERT MLM, sequence classification) and token
 * classification / question answering models, on a batch with padding; logits and last hidden state within 1e-4.
 */
class ModelForwardEngineTest {
    static Stream<TransformerModel> models() {
        List<TransformerModel> fixtures = Stream.of("electra-discriminator", "electra-generator", "bert-mlm", "electra-seqcls")
                .map(name -> HfCheckpoint.load(DataDir.fixtures().resolve("hf-tiny").resolve(name))).toList();
        TransformerConfig c = fixtures.get(0).config().copy();
        c.numLabels = 5;
        return Stream.concat(fixtures.stream(), Stream.of(
                TransformerModel.initialize(withArchitecture(c, Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION),
                        Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION, 4),
                TransformerModel.initialize(withArchitecture(c, Architecture.ELECTRA_FOR_QUESTION_ANSWERING),
                        Architecture.ELECTRA_FOR_QUESTION_ANSWERING, 4)));
    }

    private static TransformerConfig withArchitecture(TransformerConfig c, Architecture a) {
        TransformerConfig d = c.copy();
        d.architectures = List.of(a.hfName());
        return d;
    }

    @ParameterizedTest
    @MethodSource("models")
    void engineForwardEqualsTheGraphs(TransformerModel m) {
        int[][] ids = {{2, 7, 9, 11, 4, 3}, {2, 5, 6, 3, 0, 0}};
        int[][] types = {{0, 0, 0, 1, 1, 1}, {0, 0, 1, 1, 0, 0}};
        int[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
        TransformerModel.Forward graph = m.forward(ids, types, mask);
        ModelForwardEngine.Outputs engine = ModelForwardEngine.forward(m, ids, types, mask);
        assertClose(graph.lastHiddenState(), engine.lastHiddenState(), m.architecture() + " hidden");
        assertClose(graph.logits(), engine.logits(), m.architecture() + " logits");
    }

    private static void assertClose(INDArray want, INDArray got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        double diff = want.castTo(got.dataType()).sub(got).amaxNumber().doubleValue();
        double scale = Math.max(1, want.amaxNumber().doubleValue());
        assertTrue(diff <= 1e-4 * scale, what + ": max |diff| " + diff);
    }
}
