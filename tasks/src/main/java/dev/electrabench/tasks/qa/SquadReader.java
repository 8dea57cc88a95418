package dev.electrabench.tasks.qa;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the official SQuAD JSON ({@code version}, {@code data[].title},
 * {@code paragraphs[].context}, {@code qas[].{id, question, answers[{text, answer_start}], is_impossible}}).
 * Broken JSON is reported with Jackson's line and column; a structural problem with its JSON path, e.g.
 * {@code data[3].paragraphs[0].qas[2]: missing string 'id'}.
 */
public final class SquadReader {
    private SquadReader() {}

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public static SquadDataset read(Path file) {
        JsonNode root = parse(file);
        if (!root.isObject() || !root.path("data").isArray()) {
            throw UserException.in(file, "not a SQuAD file: no top-level 'data' array");
        }
        String version = root.path("version").isTextual() ? root.get("version").asText() : "";
        List<String> titles = new ArrayList<>();
        List<SquadExample> examples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode data = root.get("data");
        for (int a = 0; a < data.size(); a++) {
            String articlePath = "data[" + a + "]";
            JsonNode article = data.get(a);
            String title = text(file, article, "title", articlePath);
            titles.add(title);
            JsonNode paragraphs = array(file, article, "paragraphs", articlePath);
            for (int p = 0; p < paragraphs.size(); p++) {
                String paragraphPath = articlePath + ".paragraphs[" + p + "]";
                JsonNode paragraph = paragraphs.get(p);
                String context = text(file, paragraph, "context", paragraphPath);
                JsonNode qas = array(file, paragraph, "qas", paragraphPath);
                for (int q = 0; q < qas.size(); q++) {
                    String qaPath = paragraphPath + ".qas[" + q + "]";
                    JsonNode qa = qas.get(q);
                    String id = text(file, qa, "id", qaPath);
                    if (!ids.add(id)) {
                        throw UserException.in(file, qaPath + ": question id '" + id + "' occurs twice");
                    }
                    JsonNode answerNodes = array(file, qa, "answers", qaPath);
                    List<SquadAnswer> answers = new ArrayList<>();
                    for (int k = 0; k < answerNodes.size(); k++) {
                        String answerPath = qaPath + ".answers[" + k + "]";
                        JsonNode answer = answerNodes.get(k);
                        JsonNode start = answer.path("answer_start");
                        if (!start.canConvertToInt() || !start.isIntegralNumber()) {
                            throw UserException.in(file, answerPath + ": missing integer 'answer_start'");
                        }
                        // the file counts code points (Python); Java strings index UTF-16 units
                        int codePoints = start.intValue();
                        if (codePoints < 0 || codePoints > context.codePointCount(0, context.length())) {
                            throw UserException.in(file, answerPath + ": answer_start " + codePoints + " is outside the context");
                        }
                        answers.add(new SquadAnswer(text(file, answer, "text", answerPath),
                                context.offsetByCodePoints(0, codePoints)));
                    }
                    JsonNode impossible = qa.path("is_impossible");
                    if (!impossible.isMissingNode() && !impossible.isBoolean()) {
                        throw UserException.in(file, qaPath + ": 'is_impossible' is not true or false");
                    }
                    examples.add(new SquadExample(id, title, a, context, text(file, qa, "question", qaPath),
                            answers, impossible.asBoolean(false)));
                }
            }
        }
        return new SquadDataset(version, titles, examples);
    }

    /** Parses a JSON file, reporting syntax errors as {@code file:line: ... (column c)}. */
    static JsonNode parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw UserException.in(file, "file not found");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw UserException.in(file, "cannot read: " + e.getMessage());
        }
    }

    static UserException malformed(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String problem = "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse("");
        if (at == null || at.getLineNr() < 1) {
            return UserException.in(file, problem);
        }
        return UserException.at(file, at.getLineNr(), problem + " (column " + at.getColumnNr() + ")");
    }

    private static String text(Path file, JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw UserException.in(file, path + ": missing string '" + field + "'");
        }
        return value.asText();
    }

    private static JsonNode array(Path file, JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw UserException.in(file, path + ": missing array '" + field + "'");
        }
        return value;
    }
}
