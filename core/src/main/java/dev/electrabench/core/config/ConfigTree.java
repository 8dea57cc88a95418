package dev.electrabench.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.electrabench.core.UserException;
import dev.electrabench.core.io.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A YAML config read into a tree that remembers where every key came from ({@code file:line}, or the
 * {@code --set key=value} that replaced it), so that every problem with it, in the file or on the command
 * line, reads the same way: {@code where: key: problem} on one line. Run configs and compare configs both
 * go through it: parse, {@link #checkKeys}, {@link #set} the overrides, {@link #bind}.
 */
public final class ConfigTree {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final ObjectMapper TREES = JsonMapper.builder().build();

    private final String where;
    private final ObjectNode root;
    private final Map<String, String> origins;

    private ConfigTree(String where, ObjectNode root, Map<String, String> origins) {
        this.where = where;
        this.root = root;
        this.origins = origins;
    }

    /** No file: the defaults, changed only by {@code --set}; problems are named after the override, else "config". */
    public static ConfigTree empty(String where) {
        return new ConfigTree(where, JsonNodeFactory.instance.objectNode(), new HashMap<>());
    }

    /** Reads a YAML mapping; malformed YAML, duplicate keys or a non-mapping are one-line {@link UserException}s. */
    public static ConfigTree read(Path file, String kind) {
        String text = TextFiles.readUtf8(file, "config file");
        Map<String, String> origins = new HashMap<>();
        return new ConfigTree(file.toString(), parse(file, kind, text, origins), origins);
    }

    public ObjectNode root() {
        return root;
    }

    /** The same origins over another tree (e.g. the file laid over the defaults). */
    public ConfigTree over(ObjectNode other) {
        return new ConfigTree(where, other, origins);
    }

    /** Throws "where: unknown key X (did you mean Y?)" for the first key of this tree that {@code known} lacks. */
    public void checkKeys(ConfigKeys known) {
        known.firstUnknown(root).ifPresent(k -> {
            throw problem(k, known.unknownKeyMessage(k));
        });
    }

    /** Throws "--set k=v: unknown key ..." for an override of a key {@code known} lacks. */
    public static void checkKey(ConfigOverride o, ConfigKeys known) {
        if (!known.accepts(o.key())) {
            throw new UserException(o.origin() + ": " + known.unknownKeyMessage(o.key()));
        }
    }

    /**
     * Sets the override's value at its path, creating sections on the way; a section given as a scalar in the
     * file is replaced. The key's origin becomes the override.
     */
    public void set(ConfigOverride o) {
        String[] path = o.path();
        ObjectNode node = root;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = node.get(path[i]);
            if (!(next instanceof ObjectNode)) {
                next = node.putObject(path[i]);
            }
            node = (ObjectNode) next;
        }
        node.set(path[path.length - 1], o.value().deepCopy());
        origins.keySet().removeIf(k -> k.equals(o.key()) || k.startsWith(o.key() + "."));
        origins.put(o.key(), o.origin());
    }

    /**
     * A one-line problem with {@code key}, located at the key (or its nearest enclosing key that has an
     * origin), else at the file: "bad.yaml:4: message", "--set pretrain.batch_size=0: message".
     */
    public UserException problem(String key, String message) {
        for (String k = key; k != null && !k.isEmpty(); k = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : null) {
            String origin = origins.get(k);
            if (origin != null) {
                return new UserException(origin + ": " + message);
            }
        }
        return new UserException(where + ": " + message);
    }

    /** Binds the tree with {@code binder}; a failure becomes "where: key: problem" (see {@link #problem}). */
    public <T> T bind(ObjectMapper binder, Class<T> type) {
        try {
            return binder.treeToValue(root, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw explain(e);
        }
    }

    // ---- parsing, with the line of every key ------------------------------------------------

    private static ObjectNode parse(Path file, String kind, String text, Map<String, String> origins) {
        try (JsonParser p = YAML.createParser(text)) {
            p.setCodec(TREES);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw UserException.in(file, "config file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw UserException.at(file, line(p), "expected a mapping of keys to values, got " + describe(first));
            }
            ObjectNode root = readObject(file, p, "", origins);
            if (p.nextToken() != null) {
                throw UserException.at(file, line(p), "more than one YAML document in a " + kind);
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

    private static ObjectNode readObject(Path file, JsonParser p, String prefix, Map<String, String> origins)
            throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            int line = line(p);
            if (node.has(key)) {
                throw UserException.at(file, line, "duplicate key " + path + " (first on line "
                        + origins.get(path).substring(file.toString().length() + 1) + ")");
            }
            origins.put(path, file + ":" + line);
            JsonToken value = p.nextToken();
            JsonNode child = value == JsonToken.START_OBJECT ? readObject(file, p, path, origins) : p.readValueAsTree();
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

    // ---- binding errors → "where: key: problem" ------------------------------------------

    private UserException explain(Exception e) {
        InvalidConfigValue invalid = causeOfType(e, InvalidConfigValue.class);
        String section = e instanceof JsonMappingException m ? dotted(m.getPath()) : "";
        if (invalid != null) {
            String key = section.isEmpty() ? invalid.key() : section + "." + invalid.key();
            return problem(key, key + ": " + invalid.problem());
        }
        if (e instanceof UnrecognizedPropertyException) { // checkKeys ran first; a key below a scalar's place
            return problem(section, "unknown key " + section);
        }
        if (e instanceof MismatchedInputException m) {
            JsonNode given = root.at("/" + section.replace('.', '/'));
            String got = given.isMissingNode() ? "" : ", got " + (given.isNull() ? "null" : given.toString());
            return problem(section, section + ": expected " + expected(m.getTargetType()) + got);
        }
        return problem(section, (section.isEmpty() ? "" : section + ": ")
                + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }

    private static String dotted(List<JsonMappingException.Reference> path) {
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
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys to values";
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
