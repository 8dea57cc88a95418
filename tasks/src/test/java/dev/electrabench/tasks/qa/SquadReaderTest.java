package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadReaderTest {
    private static final Path DATA = DataDir.resolve();

    @TempDir
    Path dir;

    @Test
    void realDevFileHasTheRecordedCounts() {
        // SOURCES.md: 48 articles, 10570 questions, 34726 answers
        SquadDataset dev = SquadReader.read(new SquadTask(SquadVersion.V1_1).locate(DATA, Split.DEV));
        assertEquals("1.1", dev.version());
        assertEquals(48, dev.titles().size());
        assertEquals(10570, dev.examples().size());
        assertEquals(34726, dev.examples().stream().mapToInt(e -> e.answers().size()).sum());
        SquadExample first = dev.examples().get(0);
        assertEquals("56be4db0acb8001400a502ec", first.id());
        assertEquals("Super_Bowl_50", first.title());
        assertEquals("Which NFL team represented the AFC at Super Bowl 50?", first.question());
        assertEquals(new SquadAnswer("Denver Broncos", 177), first.answers().get(0));
        assertFalse(first.impossible());
        // every answer_start points at its text in the context (SOURCES.md)
        for (SquadExample e : dev.examples()) {
            for (SquadAnswer a : e.answers()) {
                assertTrue(e.context().startsWith(a.text(), a.start()), e.id());
            }
        }
    }

    @Test
    void answerStartCountsCodePoints() throws IOException {
        // "𝔘" is one code point but two Java chars: offset 2 (code points) is Java index 3
        Path file = write("{\"version\":\"2.0\",\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"𝔘 Ulm\","
                + "\"qas\":[{\"id\":\"q\",\"question\":\"?\",\"answers\":[{\"text\":\"Ulm\",\"answer_start\":2}]},"
                + "{\"id\":\"r\",\"question\":\"?\",\"answers\":[],\"is_impossible\":true}]}]}]}");
        List<SquadExample> examples = SquadReader.read(file).examples();
        assertEquals(3, examples.get(0).answers().get(0).start());
        assertTrue(examples.get(1).impossible());
        assertFalse(examples.get(1).hasAnswer());
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void brokenJsonReportsLineAndColumn() throws IOException {
        Path file = write("{\"version\": \"1.1\",\n \"data\": [\n  {\"title\": \"T\" \"paragraphs\": []}]}");
        UserException e = assertThrows(UserException.class, () -> SquadReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3: malformed JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("(column "), e.getMessage());
    }

    @Test
    void structuralProblemsNameTheJsonPath() throws IOException {
        Path file = write("{\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"c\",\"qas\":[{\"question\":\"?\",\"answers\":[]}]}]}]}");
        UserException e = assertThrows(UserException.class, () -> SquadReader.read(file));
        assertEquals(file + ": data[0].paragraphs[0].qas[0]: missing string 'id'", e.getMessage());

        Path notSquad = write("[1, 2]");
        assertEquals(notSquad + ": not a SQuAD file: no top-level 'data' array",
                assertThrows(UserException.class, () -> SquadReader.read(notSquad)).getMessage());

        Path badStart = write("{\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"c\",\"qas\":[{\"id\":\"q\",\"question\":\"?\","
                + "\"answers\":[{\"text\":\"c\",\"answer_start\":\"0\"}]}]}]}]}");
        assertEquals(badStart + ": data[0].paragraphs[0].qas[0].answers[0]: missing integer 'answer_start'",
                assertThrows(UserException.class, () -> SquadReader.read(badStart)).getMessage());
    }

    @Test
    void duplicateQuestionIdIsAnError() throws IOException {
        String qa = "{\"id\":\"q\",\"question\":\"?\",\"answers\":[]}";
        Path file = write("{\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"c\",\"qas\":[" + qa + "," + qa + "]}]}]}");
        UserException e = assertThrows(UserException.class, () -> SquadReader.read(file));
        assertEquals(file + ": data[0].paragraphs[0].qas[1]: question id 'q' occurs twice", e.getMessage());
    }

    @Test
    void squadHasNoTestSplit() {
        assertThrows(UserException.class, () -> new SquadTask(SquadVersion.V1_1).examples(DATA, Split.TEST));
        UserException missing = assertThrows(UserException.class, () -> new SquadTask(SquadVersion.V2_0).examples(DATA, Split.DEV));
        assertTrue(missing.getMessage().contains("squad/v2.0/dev-v2.0.json"), missing.getMessage());
    }
}
