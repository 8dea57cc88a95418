package dev.electrabench.tasks.qa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The official SQuAD side files: predictions {@code {"<qid>": "<answer text>"}} and (v2.0) null odds /
 * no-answer probabilities {@code {"<qid>": <number>}}. Readers keep file order (the v2.0 threshold search
 * breaks ties by it) and report problems with file and line; writers write atomically.
 */
public final class SquadPredictionFiles {
    private SquadPredictionFiles() {}

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper WRITER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Reads {@code {"qid": "answer", ...}}. */
    public static Map<String, String> readPredictions(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        readObject(file, (parser, id) -> {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw at(file, parser, "prediction for '" + id + "' is not a string");
            }
            return parser.getText();
        }, out);
        return out;
    }

    /** Reads {@code {"qid": number, ...}} (no-answer probabilities or null-score differences). */
    public static Map<String, Double> readNaProbs(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        readObject(file, (parser, id) -> {
            if (!parser.currentToken().isNumeric()) {
                throw at(file, parser, "no-answer score for '" + id + "' is not a number");
            }
            return parser.getDoubleValue();
        }, out);
        return out;
    }

    public static void writePredictions(Path file, Map<String, String> answers) {
        AtomicFiles.write(file, out -> WRITER.writeValue(out, answers));
    }

    /** Writes null odds (v2.0: null score minus best span score; higher = more likely unanswerable). */
    public static void writeNullOdds(Path file, Map<String, Double> nullOdds) {
        nullOdds.forEach((id, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("null odds of " + id + " is " + v);
            }
        });
        AtomicFiles.write(file, out -> WRITER.writeValue(out, nullOdds));
    }

    @FunctionalInterface
    private interface ValueReader<V> {
        V read(JsonParser parser, String id) throws IOException;
    }

    private static <V> void readObject(Path file, ValueReader<V> values, Map<String, V> out) {
        if (!Files.isRegularFile(file)) {
            throw UserException.in(file, "file not found");
        }
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw at(file, parser, "expected a JSON object {\"question id\": ...}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String id = parser.currentName();
                parser.nextToken();
                V value = values.read(parser, id);
                if (out.putIfAbsent(id, value) != null) {
                    throw at(file, parser, "question id '" + id + "' occurs twice");
                }
            }
            if (parser.nextToken() != null) {
                throw at(file, parser, "unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw SquadReader.malformed(file, e);
        } catch (IOException e) {
            throw UserException.in(file, "cannot read: " + e.getMessage());
        }
    }

    private static UserException at(Path file, JsonParser parser, String problem) {
        var location = parser.currentTokenLocation();
        return UserException.at(file, location.getLineNr(), problem + " (column " + location.getColumnNr() + ")");
    }
}
