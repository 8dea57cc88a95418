package dev.electrabench.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.electrabench.core.UserException;
import dev.electrabench.core.io.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * YAML ↔ {@link RunConfig}. Loading reads the file into a tree while remembering the line of every
 * key, lays it over the defaults, and binds the result strictly (unknown keys, fractional integers
 * and nulls for numbers are errors); any failure is turned into "file:line: key: problem".
 */
final class RunConfigYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    /** Binds snake_case keys to the records; strict where Jackson is lenient by default. */
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectMapper YAML_WRITER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private RunConfigYaml() {}

    static RunConfig load(Path file) {
        String text = TextFiles.readUtf8(file, "config file");
        Map<String, Integer> lines = new HashMap<>();
        ObjectNode user = parse(file, text, lines);
        if (!user.has("name")) {
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            user.put("name", stem);
        }
        ObjectNode merged = defaultsTree();
        overlay(merged, user);
        try {
            return BINDER.treeToValue(merged, RunConfig.class);
        } catch (JsonProcessingException e) {
            throw explain(file, e, merged, lines);
        } catch (IllegalArgumentException e) {
            throw explain(file, e, merged, lines);
        }
    }

    static String canonicalJson(RunConfig config) {
        try {
            return CANONICAL.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize run config", e);
        }
    }

    static String toYaml(RunConfig config) {
        try {
            return YAML_WRITER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize run config", e);
        }
    }

    /** The defaults as a tree, with the values derived from others when absent reset to "derive". */
    private static ObjectNode defaultsTree() {
        ObjectNode tree = BINDER.valueToTree(RunConfig.defaults());
        ((ObjectNode) tree.get("pretrain")).put("max_predictions_per_seq", 0); // 0 = derive
        return tree;
    }

    /**
     * Lays {@code user} over {@code base}: a section ({@code model:}, {@code pretrain:} ...) merges key
     * by key; below that a given value replaces the default whole (so {@code epochs: {default: 1}}
     * means one epoch for every task, not one plus the default per-task entries).
     */
    private static void overlay(ObjectNode base, ObjectNode user) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode section = base.get(e.getKey());
            JsonNode given = e.getValue();
            if (section instanceof ObjectNode s && given instanceof ObjectNode g) {
                g.fields().forEachRemaining(kv -> s.set(kv.getKey(), kv.getValue()));
            } else if (!(section instanceof ObjectNode && given.isNull())) { // "model:" alone keeps the defaults
                base.set(e.getKey(), given);
            }
        }
    }

    // ---- parsing, with the line of every key ------------------------------------------------

    private static ObjectNode parse(Path file, String text, Map<String, Integer> lines) {
        try (JsonParser p = YAML.createParser(text)) {
            p.setCodec(BINDER);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw UserException.in(file, "config file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw UserException.at(file, line(p), "expected a mapping of keys to values, got " + describe(first));
            }
            ObjectNode root = readObject(file, p, "", lines);
            if (p.nextToken() != null) {
                throw UserException.at(file, line(p), "more than one YAML document in a run config");
            }
            return root;
        } catch (JsonProcessingException e) {
            long line = problemLine(e.getOriginalMessage(), e.getLocation() != null ? e.getLocation().getLineNr() : -1);
            String problem = "malformed YAML: " + yamlProblem(e.getOriginalMessage());
            throw line > 0 ? UserException.at(file, line, problem) : UserException.in(file, problem);
        } catch (IOException e) {
            throw UserException.in(file, "cannot read config file: " + e.getMessage());
        }
    }

    private static ObjectNode readObject(Path file, JsonParser p, String prefix, Map<String, Integer> lines)
            throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            int line = line(p);
            if (node.has(key)) {
                throw UserException.at(file, line, "duplicate key " + path + " (first on line " + lines.get(path) + ")");
            }
            lines.put(path, line);
            JsonToken value = p.nextToken();
            JsonNode child = value == JsonToken.START_OBJECT ? readObject(file, p, path, lines) : p.readValueAsTree();
            // "key:" with nothing after it reads as "", which should mean "no value", not an empty string
            node.set(key, child.isTextual() && child.asText().isEmpty() ? NullNode.getInstance() : child);
        }
        return node;
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.asString() != null ? token.asString() : token.name();
        };
    }

    /**
     * The line SnakeYAML's message marks last (where it found the problem, e.g. a tab); Jackson's location is
     * the last token read before it, a line early.
     */
    static long problemLine(String message, long fallback) {
        long line = fallback;
        if (message != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column \\d+").matcher(message);
            while (m.find()) {
                line = Long.parseLong(m.group(1));
            }
        }
        return line;
    }

    /**
     * SnakeYAML's multi-line message ("while parsing X / in 'reader', line..., column... / snippet /
     * expected Y, but found Z / ...") cut down to its unindented sentences.
     */
    private static String yamlProblem(String message) {
        if (message == null) {
            return "unreadable";
        }
        String sentences = message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; "));
        return sentences.isEmpty() ? firstLine(message) : sentences;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }

    // ---- binding errors → "file:line: key: problem" ------------------------------------------

    private static UserException explain(Path file, Exception e, JsonNode merged, Map<String, Integer> lines) {
        InvalidConfigValue invalid = causeOfType(e, InvalidConfigValue.class);
        String section = e instanceof JsonMappingException m ? dotted(m.getPath()) : "";
        if (invalid != null) {
            String key = section.isEmpty() ? invalid.key() : section + "." + invalid.key();
            return located(file, key, key + ": " + invalid.problem(), lines);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : " (known keys: " + sorted(u.getKnownPropertyIds()) + ")";
            return located(file, section, "unknown key " + section + known, lines);
        }
        if (e instanceof MismatchedInputException m) {
            JsonNode given = merged.at("/" + section.replace('.', '/'));
            String got = given.isMissingNode() ? "" : ", got " + (given.isNull() ? "null" : given.toString());
            return located(file, section, section + ": expected " + expected(m.getTargetType()) + got, lines);
        }
        return located(file, section, (section.isEmpty() ? "" : section + ": ")
                + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), lines);
    }

    /** "file:line: message" with the line of {@code key}, else of its nearest enclosing key, else "file: message". */
    private static UserException located(Path file, String key, String message, Map<String, Integer> lines) {
        for (String k = key; !k.isEmpty(); k = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "") {
            Integer line = lines.get(k);
            if (line != null) {
                return UserException.at(file, line, message);
            }
        }
        return UserException.in(file, message);
    }

    private static String dotted(java.util.List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a mapping of keys to values";
    }

    private static String sorted(Collection<Object> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
