package dev.electrabench.core.checkpoint;

import static dev.electrabench.core.checkpoint.HfParityTest.assertClose;
import static dev.electrabench.core.checkpoint.HfParityTest.folder;
import static dev.electrabench.core.fixtures.HfFixture.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link HfCheckpoint#loadForFineTuning} from every kind of pre-trained folder: the backbone must compute
 * exactly what HF computed for the source model (fixture_batch.json), whatever head is put on top.
 */
class FineTuningLoadTest {

    private static JsonNode batch() throws IOException {
        HfParityTest.readBatch();
        return HfParityTest.batch;
    }

    private static TransformerModel.Forward run(TransformerModel m, JsonNode batch, String source) {
        JsonNode in = batch.get("inputs");
        String input = batch.get("expected").get(source).get("input").asText();
        return m.forward(ints(in.get(input)), ints(in.get("token_type_ids")), ints(in.get("attention_mask")));
    }

    private static void assertBackboneMatches(TransformerModel m, String source) throws IOException {
        JsonNode batch = batch();
        TransformerModel.Forward f = run(m, batch, source);
        JsonNode exp = batch.get("expected").get(source);
        for (int i = 0; i < exp.get("hidden_states").size(); i++) {
            assertClose(source + " hidden_states[" + i + "]", exp.get("hidden_states").get(i), f.hiddenStates().get(i));
        }
    }

    @Test
    void bertMaskedLmBackboneBecomesAnElectraBackbone(@TempDir Path tmp) throws IOException {
        TransformerModel m = HfCheckpoint.loadForFineTuning(folder("bert-mlm"), Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION,
                2, true, 5);
        for (String name : m.parameters().asMap().keySet()) {
            assertFalse(name.startsWith("bert."), name);
            assertFalse(name.contains("embeddings_project"), "E == H: no projection, got " + name);
        }
        // the same numbers as the stored bert.* tensors
        Map<String, TensorData> stored = Safetensors.read(folder("bert-mlm").resolve(HfCheckpoint.WEIGHTS));
        TensorData q = stored.get("bert.encoder.layer.1.attention.self.query.weight");
        INDArray loaded = m.parameters().get("electra.encoder.layer.1.attention.self.query.weight");
        assertArrayEquals(q.values(), loaded.castTo(DataType.FLOAT).dup('c').data().asFloat());
        assertBackboneMatches(m, "bert-mlm");

        HfCheckpoint.save(m, tmp.resolve("ft"));
        JsonNode config = new ObjectMapper().readTree(tmp.resolve("ft").resolve(HfCheckpoint.CONFIG).toFile());
        assertEquals("electra", config.get("model_type").asText());
        assertEquals("ElectraForSequenceClassification", config.get("architectures").get(0).asText());
        // HF's ElectraConfig defaults embedding_size to 128: it must be written out
        assertEquals(64, config.get("embedding_size").asInt());
        assertEquals(2, config.get("num_labels").asInt());
        TransformerModel back = HfCheckpoint.load(tmp.resolve("ft"));
        assertEquals(Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, back.architecture());
        assertBackboneMatches(back, "bert-mlm");
    }

    @Test
    void generatorBackboneLoadsForTagging() throws IOException {
        TransformerModel m = HfCheckpoint.loadForFineTuning(folder("electra-generator"),
                Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION, 9, false, 5);
        assertArrayEquals(new long[] {9, 32}, m.parameters().get("classifier.weight").shape());
        assertFalse(m.parameters().contains("generator_lm_head.bias"), "the MLM head is dropped");
        assertBackboneMatches(m, "electra-generator");
    }

    @Test
    void questionAnsweringHeadHasHfNamesAndComputesStartEndLogits(@TempDir Path tmp) throws IOException {
        TransformerModel m = HfCheckpoint.loadForFineTuning(folder("electra-discriminator"),
                Architecture.ELECTRA_FOR_QUESTION_ANSWERING, 2, false, 5);
        assertBackboneMatches(m, "electra-discriminator");
        HfCheckpoint.save(m, tmp.resolve("qa"));
        Map<String, TensorData> stored = Safetensors.read(tmp.resolve("qa").resolve(HfCheckpoint.WEIGHTS));
        assertArrayEquals(new long[] {2, 64}, stored.get("qa_outputs.weight").shape());
        assertArrayEquals(new long[] {2}, stored.get("qa_outputs.bias").shape());
        assertFalse(stored.containsKey("discriminator_predictions.dense.weight"));

        TransformerModel back = HfCheckpoint.load(tmp.resolve("qa"));
        assertEquals(Architecture.ELECTRA_FOR_QUESTION_ANSWERING, back.architecture());
        TransformerModel.Forward f = run(back, batch(), "electra-discriminator");
        assertArrayEquals(new long[] {2, 16, 2}, f.logits().shape());
        // logits[b, t, k] = h[b, t, :] · W[k, :] + bias[k]: recompute one position by hand
        float[] w = stored.get("qa_outputs.weight").values();
        float[] bias = stored.get("qa_outputs.bias").values();
        INDArray h = f.lastHiddenState();
        for (int k = 0; k < 2; k++) {
            double expected = bias[k];
            for (int j = 0; j < 64; j++) {
                expected += h.getDouble(1, 3, j) * w[k * 64 + j];
            }
            assertEquals(expected, f.logits().getDouble(1, 3, k), 1e-5);
        }
    }

    @Test
    void aNewHeadIsSeededAndReproducible() {
        Path disc = folder("electra-discriminator");
        INDArray a = HfCheckpoint.loadForFineTuning(disc, Architecture.ELECTRA_FOR_QUESTION_ANSWERING, 2, false, 5)
                .parameters().get("qa_outputs.weight");
        INDArray b = HfCheckpoint.loadForFineTuning(disc, Architecture.ELECTRA_FOR_QUESTION_ANSWERING, 2, false, 5)
                .parameters().get("qa_outputs.weight");
        INDArray c = HfCheckpoint.loadForFineTuning(disc, Architecture.ELECTRA_FOR_QUESTION_ANSWERING, 2, false, 6)
                .parameters().get("qa_outputs.weight");
        assertEquals(a, b);
        assertTrue(a.sub(c).norm2Number().doubleValue() > 0, "another seed draws another head");
    }

    @Test
    void anElectraFolderCannotBecomeABertModel() {
        UserException e = assertThrows(UserException.class, () -> HfCheckpoint.loadForFineTuning(
                folder("electra-discriminator"), Architecture.BERT_FOR_MASKED_LM, 2, false, 1));
        assertTrue(e.getMessage().contains("cannot be fine-tuned as BertForMaskedLM"), e.getMessage());
    }
}
