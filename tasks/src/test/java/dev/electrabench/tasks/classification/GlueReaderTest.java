package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Row and label counts of the real GLUE files, as recorded in shared/data/SOURCES.md. */
class GlueReaderTest {
    private static final Path DATA = DataDir.resolve();

    private static Map<String, Long> labelCounts(List<GlueExample> examples) {
        return examples.stream().collect(Collectors.groupingBy(GlueExample::label, Collectors.counting()));
    }

    private static void assertRows(GlueTask task, Split split, int rows) {
        List<GlueExample> examples = task.examples(DATA, split);
        assertEquals(rows, examples.size(), task.name() + " " + split);
        for (int i = 0; i < examples.size(); i++) {
            GlueExample e = examples.get(i);
            assertEquals(i, e.index());
            assertEquals(split.fileStem() + "-" + i, e.guid());
            assertEquals(split != Split.TEST, e.isLabeled(), e.guid());
            assertEquals(task.name().equals("cola") || task.name().equals("sst2"), e.textB() == null, e.guid());
        }
    }

    @Test
    void colaHasNoHeaderInTrainAndDevButOneInTest() {
        assertRows(GlueTasks.COLA, Split.TRAIN, 8551);
        assertRows(GlueTasks.COLA, Split.DEV, 1043);
        assertRows(GlueTasks.COLA, Split.TEST, 1063);
        assertEquals(Map.of("1", 6023L, "0", 2528L), labelCounts(GlueTasks.COLA.examples(DATA, Split.TRAIN)));
        List<GlueExample> dev = GlueTasks.COLA.examples(DATA, Split.DEV);
        assertEquals(Map.of("1", 721L, "0", 322L), labelCounts(dev));
        assertEquals("The sailors rode the breeze clear of the rocks.", dev.get(0).textA());
        // the last row has no trailing newline
        assertEquals("John talked to Bill about himself.", dev.get(1042).textA());
        assertEquals("Bill whistled past the house.", GlueTasks.COLA.examples(DATA, Split.TEST).get(0).textA());
    }

    @Test
    void sst2KeepsTheTrailingSpaceOfTheOfficialSentences() {
        assertRows(GlueTasks.SST2, Split.TRAIN, 67349);
        assertRows(GlueTasks.SST2, Split.DEV, 872);
        assertRows(GlueTasks.SST2, Split.TEST, 1821);
        List<GlueExample> dev = GlueTasks.SST2.examples(DATA, Split.DEV);
        assertEquals(Map.of("1", 444L, "0", 428L), labelCounts(dev));
        assertEquals("it 's a charming and often affecting journey . ", dev.get(0).textA());
        assertEquals(Map.of("1", 37569L, "0", 29780L), labelCounts(GlueTasks.SST2.examples(DATA, Split.TRAIN)));
    }

    @Test
    void mrpcSkipsTheBomHeaderAndKeepsQuotesAsText() {
        assertRows(GlueTasks.MRPC, Split.TRAIN, 3668);
        assertRows(GlueTasks.MRPC, Split.DEV, 408);
        assertRows(GlueTasks.MRPC, Split.TEST, 1725);
        List<GlueExample> dev = GlueTasks.MRPC.examples(DATA, Split.DEV);
        assertEquals(Map.of("1", 279L, "0", 129L), labelCounts(dev));
        GlueExample first = dev.get(0);
        assertEquals("He said the foodservice pie business doesn't fit the company's long-term growth strategy.", first.textA());
        // an unbalanced opening quote: with quote handling the rest of the file would become one field
        assertEquals("\"The foodservice pie business does not fit our long-term growth strategy.", first.textB());
        assertEquals(Map.of("1", 2474L, "0", 1194L), labelCounts(GlueTasks.MRPC.examples(DATA, Split.TRAIN)));
    }

    @Test
    void stsbReadsScoresFromTheLastColumn() {
        assertRows(GlueTasks.STSB, Split.TRAIN, 5749);
        assertRows(GlueTasks.STSB, Split.DEV, 1500);
        assertRows(GlueTasks.STSB, Split.TEST, 1379);
        GlueExample first = GlueTasks.STSB.examples(DATA, Split.DEV).get(0);
        assertEquals("A man with a hard hat is dancing.", first.textA());
        assertEquals("A man wearing a hard hat is dancing.", first.textB());
        assertEquals(5.0, first.score());
        assertNull(first.label());
        for (GlueExample e : GlueTasks.STSB.examples(DATA, Split.TRAIN)) {
            assertTrue(e.score() >= 0 && e.score() <= 5);
        }
    }

    @Test
    void indexedPairTasks() {
        assertRows(GlueTasks.RTE, Split.TRAIN, 2490);
        assertRows(GlueTasks.RTE, Split.DEV, 277);
        assertRows(GlueTasks.RTE, Split.TEST, 3000);
        assertEquals(Map.of("entailment", 1249L, "not_entailment", 1241L), labelCounts(GlueTasks.RTE.examples(DATA, Split.TRAIN)));
        assertEquals(Map.of("entailment", 146L, "not_entailment", 131L), labelCounts(GlueTasks.RTE.examples(DATA, Split.DEV)));
        assertRows(GlueTasks.WNLI, Split.TRAIN, 635);
        assertRows(GlueTasks.WNLI, Split.DEV, 71);
        assertRows(GlueTasks.WNLI, Split.TEST, 146);
        assertEquals(Map.of("0", 40L, "1", 31L), labelCounts(GlueTasks.WNLI.examples(DATA, Split.DEV)));
        GlueExample wnli = GlueTasks.WNLI.examples(DATA, Split.DEV).get(0);
        assertEquals("The drain is clogged with hair. It has to be cleaned.", wnli.textA());
        assertEquals("The hair has to be cleaned.", wnli.textB());
        assertRows(GlueTasks.QNLI, Split.DEV, 5463);
        assertRows(GlueTasks.QNLI, Split.TEST, 5463);
        assertEquals(Map.of("entailment", 2702L, "not_entailment", 2761L), labelCounts(GlueTasks.QNLI.examples(DATA, Split.DEV)));
    }

    @Test
    void everyTaskHasItsOfficialLabelSetAndSubmissionName() {
        Map<String, GlueTask> byName = GlueTasks.ALL.stream().collect(Collectors.toMap(GlueTask::name, Function.identity()));
        assertEquals(List.of("contradiction", "entailment", "neutral"), byName.get("mnli-m").labels());
        assertEquals(List.of("entailment", "not_entailment"), byName.get("qnli").labels());
        assertEquals(List.of("0", "1"), byName.get("qqp").labels());
        assertEquals(List.of(), byName.get("stsb").labels());
        assertEquals(
                List.of("CoLA.tsv", "SST-2.tsv", "MRPC.tsv", "STS-B.tsv", "QQP.tsv", "MNLI-m.tsv", "MNLI-mm.tsv",
                        "QNLI.tsv", "RTE.tsv", "WNLI.tsv", "AX.tsv"),
                GlueTasks.ALL.stream().map(GlueTask::submissionFileName).toList());
    }

    @Test
    void missingSplitFileAndMissingSplitAreUserErrors() {
        // QNLI train is not staged (SOURCES.md): the message names where we looked
        UserException e = assertThrows(UserException.class, () -> GlueTasks.QNLI.examples(DATA, Split.TRAIN));
        assertTrue(e.getMessage().contains("glue/QNLI/train.tsv"), e.getMessage());
        assertTrue(e.getMessage().contains("glue_data/QNLI/train.tsv"), e.getMessage());
        UserException ax = assertThrows(UserException.class, () -> GlueTasks.AX.examples(DATA, Split.TRAIN));
        assertTrue(ax.getMessage().contains("no train split"), ax.getMessage());
    }
}
