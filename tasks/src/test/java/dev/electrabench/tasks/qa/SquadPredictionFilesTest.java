package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadPredictionFilesTest {
    @TempDir
    Path dir;

    @Test
    void predictionsAndNullOddsRoundTripInOrder() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("q2", "Denver \"Broncos\" — “quoted”");
        answers.put("q1", "");
        Path predictions = dir.resolve("predictions.json");
        SquadPredictionFiles.writePredictions(predictions, answers);
        assertEquals(answers, SquadPredictionFiles.readPredictions(predictions));
        assertEquals(List.of("q2", "q1"), List.copyOf(SquadPredictionFiles.readPredictions(predictions).keySet()));

        Map<String, Double> odds = new LinkedHashMap<>();
        odds.put("q2", -2.75);
        odds.put("q1", 3.5);
        Path nullOdds = dir.resolve("null_odds.json");
        SquadPredictionFiles.writeNullOdds(nullOdds, odds);
        assertEquals(odds, SquadPredictionFiles.readNaProbs(nullOdds));
        assertThrows(IllegalArgumentException.class,
                () -> SquadPredictionFiles.writeNullOdds(nullOdds, Map.of("q", Double.NaN)));
    }

    private String error(String json, boolean naProbs) throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, json);
        UserException e = assertThrows(UserException.class,
                () -> { if (naProbs) SquadPredictionFiles.readNaProbs(file); else SquadPredictionFiles.readPredictions(file); });
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void malformedFilesNameTheLine() throws IOException {
        assertTrue(error("{\n\"q1\": \"a\",\n\"q2\": 7\n}", false).startsWith(":3: prediction for 'q2' is not a string"));
        assertTrue(error("{\n\"q1\": \"a\"\n\"q2\": \"b\"}", false).startsWith(":3: malformed JSON"));
        assertTrue(error("{\"q1\": \"a\",\n\"q1\": \"b\"}", false).startsWith(":2: question id 'q1' occurs twice"));
        assertTrue(error("[\"a\"]", false).startsWith(":1: expected a JSON object"));
        assertTrue(error("{\"q1\": \"high\"}", true).startsWith(":1: no-answer score for 'q1' is not a number"));
    }
}
