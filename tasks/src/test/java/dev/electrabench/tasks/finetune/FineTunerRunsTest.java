package dev.electrabench.tasks.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.classification.GlueExample;
import dev.electrabench.tasks.classification.GluePredictionFile;
import dev.electrabench.tasks.classification.GlueTasks;
import dev.electrabench.tasks.qa.SquadDevSplitTask;
import dev.electrabench.tasks.qa.SquadExample;
import dev.electrabench.tasks.qa.SquadPredictionFiles;
import dev.electrabench.tasks.qa.SquadV1Evaluator;
import dev.electrabench.tasks.tagging.ConllEvalFile;
import dev.electrabench.tasks.tagging.EntityScores;
import dev.electrabench.tasks.tagging.TaggedSentence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short fine-tuning runs of every task family: determinism, the output layout, and prediction files that
 * the official-format readers re-score to exactly the metrics the run reported.
 */
class FineTunerRunsTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void model() {
        model = TinyModels.randomDiscriminator(tmp.resolve("model"), 1, 3);
    }

    private static FineTuneResult run(String task, Path out, long seed, long trainExamples, int epochs, int maxSeq,
                                      int evalCap, boolean test) {
        return FineTuner.run(new FineTuneRequest(model, task, TinyModels.config(1e-3, 16, 64, epochs, trainExamples), seed,
                out, null, null, new FineTuneRequest.Options(maxSeq, evalCap, test)));
    }

    @Test
    void sameSeedGivesTheSameRunAndAnotherSeedAnother() throws IOException {
        // MRPC: 48 pairs, doubled to 96 rows = 6 steps of 16 per epoch
        FineTuneResult a = run("mrpc", tmp.resolve("a"), 5, 48, 2, 0, 40, false);
        FineTuneResult b = run("mrpc", tmp.resolve("b"), 5, 48, 2, 0, 40, false);
        FineTuneResult c = run("mrpc", tmp.resolve("c"), 6, 48, 2, 0, 40, false);
        assertEquals(12, a.trainSteps());
        assertEquals(a.epochs().size(), 2);
        assertEquals(a.devMetrics(), b.devMetrics());
        assertEquals(a.bestEpoch(), b.bestEpoch());
        byte[] weightsA = Files.readAllBytes(tmp.resolve("a/best").resolve(HfCheckpoint.WEIGHTS));
        assertArrayEquals(weightsA, Files.readAllBytes(tmp.resolve("b/best").resolve(HfCheckpoint.WEIGHTS)));
        assertFalse(java.util.Arrays.equals(weightsA, Files.readAllBytes(tmp.resolve("c/best").resolve(HfCheckpoint.WEIGHTS))),
                "another seed trains another model");
        assertEquals(withoutWall(tmp.resolve("a/metrics.csv")), withoutWall(tmp.resolve("b/metrics.csv")));
        assertEquals(Files.readString(tmp.resolve("a/dev_predictions.tsv")), Files.readString(tmp.resolve("b/dev_predictions.tsv")));

        List<String> csv = Files.readAllLines(tmp.resolve("a/metrics.csv"));
        assertEquals("epoch,train_loss,accuracy,f1,wall_s", csv.get(0));
        assertEquals(3, csv.size());
        assertEquals(Architecture.ELECTRA_FOR_SEQUENCE_CLASSIFICATION, HfCheckpoint.load(tmp.resolve("a/best")).architecture());
        // the dev file re-scores to the reported metrics
        List<GlueExample> dev = GlueTasks.MRPC.examples(DataDir.resolve(), Split.DEV).subList(0, 40);
        Map<String, String> predicted = GluePredictionFile.read(tmp.resolve("a/dev_predictions.tsv"), GlueTasks.MRPC, dev);
        assertEquals(40, predicted.size());
        assertEquals(GlueTasks.MRPC.scorer().score(dev, predicted), a.devMetrics());
        JsonNode result = new ObjectMapper().readTree(tmp.resolve("a/result.json").toFile());
        assertEquals(a.bestEpoch(), result.get("best_epoch").asInt());
        assertEquals(96, result.get("train_rows").asInt());
    }

    @Test
    void stsbPredictsScoresOnTheFivePointScale() {
        FineTuneResult r = run("stsb", tmp.resolve("stsb"), 5, 32, 1, 0, 30, false);
        assertEquals(List.of("pearson", "spearman"), List.copyOf(r.devMetrics().keySet()));
        List<GlueExample> dev = GlueTasks.STSB.examples(DataDir.resolve(), Split.DEV).subList(0, 30);
        Map<String, String> predicted = GluePredictionFile.read(tmp.resolve("stsb/dev_predictions.tsv"), GlueTasks.STSB, dev);
        assertEquals(GlueTasks.STSB.scorer().score(dev, predicted), r.devMetrics());
    }

    @Test
    void conllWritesConllevalFilesThatRescoreToTheReportedScores() {
        FineTuneResult r = run("conll2003", tmp.resolve("conll"), 5, 64, 1, 0, 100, true);
        List<TaggedSentence> devFile = ConllEvalFile.read(tmp.resolve("conll/dev_predictions.conll"));
        assertEquals(100, devFile.size());
        EntityScores dev = ConllEvalFile.evaluate(devFile);
        assertEquals(dev.f1(), r.devMetrics().get("f1"), 1e-9);
        assertEquals(dev.accuracy(), r.devMetrics().get("accuracy"), 1e-9);
        List<TaggedSentence> testFile = ConllEvalFile.read(tmp.resolve("conll/test_predictions.conll"));
        assertEquals(3453, testFile.size());
        assertEquals(ConllEvalFile.evaluate(testFile).f1(), r.testMetrics().get("f1"), 1e-9);
    }

    @Test
    void squadPredictionsAreParagraphSpansThatRescoreToTheReportedScores() {
        FineTuneResult r = run("squad1.1-devsplit", tmp.resolve("squad"), 5, 40, 1, 128, 25, true);
        List<SquadExample> dev = new SquadDevSplitTask().examples(DataDir.resolve(), Split.DEV).subList(0, 25);
        Map<String, String> predicted = SquadPredictionFiles.readPredictions(tmp.resolve("squad/dev_predictions.json"));
        assertEquals(25, predicted.size());
        for (SquadExample e : dev) {
            String answer = predicted.get(e.id());
            assertTrue(!answer.isEmpty() && e.context().contains(answer), e.id() + ": '" + answer + "'");
        }
        assertEquals(SquadV1Evaluator.evaluate(dev, predicted), r.devMetrics());
        assertTrue(r.testMetrics().isEmpty(), "SQuAD has no test split");
    }

    private static List<String> withoutWall(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
