package dev.electrabench.tasks.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllEvalFileTest {
    private static final List<ConllSentence> TESTB = new ConllTask().examples(DataDir.resolve(), Split.TEST);

    @TempDir
    Path dir;

    @Test
    void perfectPredictionsOnTestbScore100() {
        Path file = dir.resolve("testb.conlleval");
        ConllEvalFile.write(file, TESTB, TESTB.stream().map(ConllSentence::tags).toList());
        List<TaggedSentence> read = ConllEvalFile.read(file);
        assertEquals(3453, read.size());
        EntityScores s = ConllEvalFile.evaluate(read);
        assertEquals(new TypeScores(5648, 5648, 5648), s.overall()); // SOURCES.md: 5648 entities
        assertEquals(100.0, s.f1(), 1e-12);
        assertEquals(100.0, s.accuracy(), 1e-12);
        assertEquals(1617, s.perType().get("PER").gold());
    }

    @Test
    void allOPredictionsGiveTheORate() {
        // awk over eng.testb (DOCSTART skipped): 46435 tokens, 38323 tagged O
        List<List<String>> allO = TESTB.stream().map(s -> Collections.nCopies(s.size(), "O")).toList();
        Path file = dir.resolve("allO.conlleval");
        ConllEvalFile.write(file, TESTB, allO);
        EntityScores s = ConllEvalFile.evaluate(ConllEvalFile.read(file));
        assertEquals(100.0 * 38323 / 46435, s.accuracy(), 1e-9);
        assertEquals(new TypeScores(5648, 0, 0), s.overall());
        assertEquals(0.0, s.f1());
    }

    @Test
    void writtenLinesAreTokenPosChunkGoldPredicted() throws IOException {
        Path file = dir.resolve("one.conlleval");
        ConllSentence eu = TESTB.get(0);
        ConllEvalFile.write(file, List.of(eu), List.of(Collections.nCopies(eu.size(), "O")));
        List<String> lines = Files.readAllLines(file);
        assertEquals(eu.size() + 1, lines.size());
        assertEquals(String.join(" ", eu.tokens().get(0), eu.pos().get(0), eu.chunks().get(0), eu.tags().get(0), "O"), lines.get(0));
        assertEquals("", lines.get(eu.size()));
    }

    @Test
    void scorerCountsMissingSentencesAsAllO() {
        Map<String, List<String>> predictions = new HashMap<>();
        TESTB.forEach(s -> predictions.put(s.id(), s.tags()));
        ConllSentence dropped = TESTB.stream().filter(s -> s.tags().contains("B-PER")).findFirst().orElseThrow();
        long perInDropped = dropped.tags().stream().filter(t -> t.startsWith("B-")).count();
        predictions.remove(dropped.id());
        EntityScores s = new ConllTask().scorer().evaluate(TESTB, predictions);
        assertEquals(new TypeScores(5648, 5648 - (int) perInDropped, 5648 - (int) perInDropped), s.overall());
    }

    private String error(String... lines) throws IOException {
        Path file = dir.resolve("bad.conlleval");
        Files.writeString(file, String.join("\n", lines) + "\n");
        UserException e = assertThrows(UserException.class, () -> ConllEvalFile.read(file));
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void malformedLinesNameTheLine() throws IOException {
        assertEquals(":2: expected 3 fields as on line 1, found 4", error("EU B-ORG B-ORG", "rejects VBZ O O"));
        assertEquals(":1: expected 'token ... gold predicted' (at least 3 fields), found 2", error("EU B-ORG"));
        assertEquals(":3: tag 'PER' is not O, B-TYPE or I-TYPE", error("EU B-ORG B-ORG", "", "Peter B-PER PER"));
        assertEquals(": no tagged tokens", error("", ""));
    }

    @Test
    void boundaryMarkerLineSeparatesSentences() throws IOException {
        Path file = dir.resolve("x.conlleval");
        Files.writeString(file, "A B-PER B-PER\n-X- O O\nB I-PER I-PER\n");
        List<TaggedSentence> read = ConllEvalFile.read(file);
        assertEquals(2, read.size());
        assertEquals(3, read.get(1).line());
        assertEquals(new TypeScores(2, 2, 2), ConllEvalFile.evaluate(read).overall());
    }
}
