package dev.electrabench.tasks.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts of the real files as recorded in shared/data/SOURCES.md (= the official CoNLL-2003 counts). */
class ConllReaderTest {
    private static final Path DATA = DataDir.resolve();
    private static final ConllTask TASK = new ConllTask();

    @TempDir
    Path dir;

    /** Entities = B- tags once converted to IOB2, so these counts also check the IOB1 -> IOB2 conversion. */
    private static Map<String, Integer> entities(List<ConllSentence> sentences) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ConllSentence s : sentences) {
            String previous = "O";
            for (String tag : s.tags()) {
                // IOB2 validity: an I- tag always continues an entity of its type
                if (tag.startsWith("I-")) {
                    assertTrue(!previous.equals("O") && IobTags.type(previous).equals(IobTags.type(tag)), s.id());
                }
                if (tag.startsWith("B-")) {
                    counts.merge(IobTags.type(tag), 1, Integer::sum);
                }
                previous = tag;
            }
        }
        return counts;
    }

    private static void assertSplit(Split split, int documents, int sentences, int tokens, Map<String, Integer> entities) {
        List<ConllDocument> docs = TASK.documents(DATA, split);
        List<ConllSentence> all = TASK.examples(DATA, split);
        assertEquals(documents, docs.size(), split + " documents");
        assertEquals(sentences, all.size(), split + " sentences");
        assertEquals(tokens, all.stream().mapToInt(ConllSentence::size).sum(), split + " tokens");
        assertEquals(entities, entities(all), split + " entities");
        assertEquals(sentences, docs.stream().mapToInt(d -> d.sentences().size()).sum());
        for (ConllDocument d : docs) {
            d.sentences().forEach(s -> assertEquals(d.index(), s.document()));
        }
    }

    @Test
    void trainTestaTestbCounts() {
        assertSplit(Split.TRAIN, 946, 14041, 203621, Map.of("PER", 6600, "LOC", 7140, "ORG", 6321, "MISC", 3438));
        assertSplit(Split.DEV, 216, 3250, 51362, Map.of("PER", 1842, "LOC", 1837, "ORG", 1341, "MISC", 922));
        assertSplit(Split.TEST, 231, 3453, 46435, Map.of("PER", 1617, "LOC", 1668, "ORG", 1661, "MISC", 702));
    }

    @Test
    void firstSentencesOfTrain() {
        List<ConllSentence> train = TASK.examples(DATA, Split.TRAIN);
        ConllSentence first = train.get(0);
        assertEquals("train-0", first.id());
        assertEquals(List.of("EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."), first.tokens());
        // raw: I-ORG O I-MISC O O O I-MISC O O
        assertEquals(List.of("B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"), first.tags());
        assertEquals("NNP", first.pos().get(0));
        assertEquals("I-NP", first.chunks().get(0));
        assertEquals(List.of("B-PER", "I-PER"), train.get(1).tags()); // Peter Blackburn
        assertEquals(0, train.get(1).document());
    }

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("conll2003/eng.testa");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void documentsAndSentenceBoundaries() throws IOException {
        write("Lead NN I-NP O", "", "-DOCSTART- -X- O O", "", "A NN I-NP I-PER", "B NN I-NP O", "", "",
                "-DOCSTART- -X- O O", "C NN I-NP I-LOC", "", "");
        List<ConllDocument> docs = TASK.documents(dir, Split.DEV);
        // text before the first -DOCSTART- is document 0; blank lines never make empty sentences
        assertEquals(3, docs.size());
        assertEquals(List.of("Lead"), docs.get(0).sentences().get(0).tokens());
        assertEquals(List.of("B-PER", "O"), docs.get(1).sentences().get(0).tags());
        assertEquals(List.of("dev-0", "dev-1", "dev-2"), TASK.examples(dir, Split.DEV).stream().map(ConllSentence::id).toList());
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        Path file = write("-DOCSTART- -X- O O", "", "EU NNP I-ORG", "");
        UserException e = assertThrows(UserException.class, () -> TASK.examples(dir, Split.DEV));
        assertEquals(file + ":3: expected 4 space-separated columns (token POS chunk NER), found 3", e.getMessage());
        write("EU NNP I-NP I-ORG", "rejects VBZ I-VP B-FOO");
        e = assertThrows(UserException.class, () -> TASK.examples(dir, Split.DEV));
        assertEquals(file + ":2: unknown NER tag 'B-FOO' (expected O or B-/I- of PER, LOC, ORG, MISC)", e.getMessage());
        write("EU NNP I-NP ORG");
        assertThrows(UserException.class, () -> TASK.examples(dir, Split.DEV));
    }
}
