package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.checkpoint.Safetensors;
import dev.electrabench.core.checkpoint.TensorData;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Fine-tuning puts on a checkpoint the head it carries, as HF's AutoModelFor... does: BERT's pooler head for a
 * BERT folder that stores a pooler (kept, with the classifier when the label count matches), HF's
 * ElectraClassificationHead for an HF ELECTRA classifier, and the ELECTRA paper's heads for our pre-trained
 * folders (the compare path).
 */
class FineTuningHeadChoiceTest {
    private static Path heads(String model) throws Exception {
        return Path.of(FineTuningHeadChoiceTest.class.getResource("/hf-heads/" + model + "/config.json").toURI()).getParent();
    }

    private static float[] values(TransformerModel m, String name) {
        return m.parameters().get(name).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Test
    void bertSequenceClassifierKeepsItsPoolerAndClassifier() throws Exception {
        Path dir = heads("bert-seqcls");
        Map<String, TensorData> stored = Safetensors.read(dir.resolve(HfCheckpoint.WEIGHTS));
        TransformerModel same = HfCheckpoint.loadForFineTuning(dir, Architecture.Head.SEQUENCE_CLASSIFICATION, 3, 1);
        assertEquals(Architecture.BERT_FOR_SEQUENCE_CLASSIFICATION, same.architecture());
        for (String name : new String[] {"bert.pooler.dense.weight", "classifier.weight", "classifier.bias"}) {
            assertArrayEquals(stored.get(name).values(), values(same, name), name);
        }
        // another label count: the pooler stays, the classifier is new
        TransformerModel other = HfCheckpoint.loadForFineTuning(dir, Architecture.Head.SEQUENCE_CLASSIFICATION, 2, 1);
        assertEquals(Architecture.BERT_FOR_SEQUENCE_CLASSIFICATION, other.architecture());
        assertArrayEquals(stored.get("bert.pooler.dense.weight").values(), values(other, "bert.pooler.dense.weight"));
        assertEquals(2, other.parameters().get("classifier.weight").size(0));
    }

    @Test
    void bertWithoutPoolerGetsThePaperHeadOnElectraNames() throws Exception {
        for (Path dir : new Path[] {heads("bert-tokcls"), DataDir.fixtures().resolve("hf-tiny").resolve("bert-mlm")}) {
            TransformerModel m = HfCheckpoint.loadForFineTuning(dir, Architecture.Head.SEQUENCE_CLASSIFICATION, 2, 1);
            assertEquals(Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, m.architecture(), dir.toString());
            assertTrue(Architecture.paperHead(m.config()), dir + ": the paper's head");
            assertFalse(m.parameters().asMap().containsKey("classifier.dense.weight"), dir.toString());
        }
    }

    @Test
    void huggingFaceElectraClassifierKeepsItsHead() {
        Path dir = DataDir.fixtures().resolve("hf-tiny").resolve("electra-seqcls");
        Map<String, TensorData> stored = Safetensors.read(dir.resolve(HfCheckpoint.WEIGHTS));
        TransformerModel m = HfCheckpoint.loadForFineTuning(dir, Architecture.Head.SEQUENCE_CLASSIFICATION, 3, 1);
        assertEquals(Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, m.architecture());
        assertFalse(Architecture.paperHead(m.config()), "HF's ElectraClassificationHead");
        assertArrayEquals(stored.get("classifier.dense.weight").values(), values(m, "classifier.dense.weight"));
    }

    @Test
    void ourDiscriminatorGetsThePaperHeads() {
        Path dir = DataDir.fixtures().resolve("hf-tiny").resolve("electra-discriminator");
        TransformerModel cls = HfCheckpoint.loadForFineTuning(dir, Architecture.Head.SEQUENCE_CLASSIFICATION, 2, 1);
        assertEquals(Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, cls.architecture());
        assertTrue(Architecture.paperHead(cls.config()));
        assertEquals(Architecture.ELECTRA_FOR_TOKEN_CLASSIFICATION,
                HfCheckpoint.loadForFineTuning(dir, Architecture.Head.TOKEN_CLASSIFICATION, 9, 1).architecture());
        assertEquals(Architecture.ELECTRA_FOR_QUESTION_ANSWERING,
                HfCheckpoint.loadForFineTuning(dir, Architecture.Head.QUESTION_ANSWERING, 2, 1).architecture());
    }
}
