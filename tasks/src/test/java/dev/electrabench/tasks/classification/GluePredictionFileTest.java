package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GluePredictionFileTest {
    private static final Path DATA = DataDir.resolve();
    private static final List<GlueExample> RTE_TEST = GlueTasks.RTE.examples(DATA, Split.TEST);

    @TempDir
    Path dir;

    @Test
    void submissionFileHasTheServersNameHeaderAndLabels() throws IOException {
        Map<String, String> predictions = new HashMap<>();
        RTE_TEST.forEach(e -> predictions.put(e.guid(), e.index() % 2 == 0 ? "entailment" : "not_entailment"));
        Path file = GluePredictionFile.writeSubmission(dir, GlueTasks.RTE, RTE_TEST, predictions);
        assertEquals(dir.resolve("RTE.tsv"), file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(3001, lines.size());
        assertEquals("index\tprediction", lines.get(0));
        assertEquals("0\tentailment", lines.get(1));
        assertEquals("2999\tnot_entailment", lines.get(3000));
        assertEquals(predictions, GluePredictionFile.read(file, GlueTasks.RTE, RTE_TEST));
    }

    @Test
    void submissionRefusesIncompleteOrInvalidPredictions() {
        Map<String, String> predictions = new HashMap<>();
        RTE_TEST.forEach(e -> predictions.put(e.guid(), "entailment"));
        predictions.remove("test-7");
        assertThrows(IllegalArgumentException.class, () -> GluePredictionFile.writeSubmission(dir, GlueTasks.RTE, RTE_TEST, predictions));
        predictions.put("test-7", "1");
        assertThrows(IllegalArgumentException.class, () -> GluePredictionFile.writeSubmission(dir, GlueTasks.RTE, RTE_TEST, predictions));
        assertTrue(Files.notExists(dir.resolve("RTE.tsv")));
    }

    private String readError(String... lines) throws IOException {
        Path file = dir.resolve("pred.tsv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        UserException e = assertThrows(UserException.class, () -> GluePredictionFile.read(file, GlueTasks.RTE, RTE_TEST));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void malformedPredictionFilesNameTheLine() throws IOException {
        assertEquals(":1: expected header 'index<TAB>prediction', found 'id\tlabel'", readError("id\tlabel", "0\tentailment"));
        assertEquals(":3: expected 2 tab-separated columns (index, prediction), found 1",
                readError("index\tprediction", "0\tentailment", "1 entailment"));
        assertEquals(":2: index 'x' is not an integer", readError("index\tprediction", "x\tentailment"));
        assertEquals(":2: index 3000 is outside the split's 3000 rows", readError("index\tprediction", "3000\tentailment"));
        assertEquals(":3: index 0 already predicted on line 2",
                readError("index\tprediction", "0\tentailment", "0\tnot_entailment"));
        assertEquals(":2: prediction 'contradiction' is not one of entailment, not_entailment",
                readError("index\tprediction", "0\tcontradiction"));
    }

    @Test
    void stsbPredictionsAreNumbers() throws IOException {
        List<GlueExample> sts = GlueTasks.STSB.examples(DATA, Split.DEV);
        Path file = dir.resolve("STS-B.tsv");
        Files.writeString(file, "index\tprediction\n0\t4.25\n1\tn/a\n");
        UserException e = assertThrows(UserException.class, () -> GluePredictionFile.read(file, GlueTasks.STSB, sts));
        assertEquals(file + ":3: prediction 'n/a' is not a number", e.getMessage());
    }
}
