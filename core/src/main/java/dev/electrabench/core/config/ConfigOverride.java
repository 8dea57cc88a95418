package dev.electrabench.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.electrabench.core.UserException;
import java.util.regex.Pattern;

/**
 * One {@code --set key=value} from the command line: a dotted key path ({@code pretrain.learning_rate}) and
 * a value read as a YAML flow value, so {@code 1e-4}, {@code true}, {@code [1, 2, 3]} and
 * {@code {default: 2}} mean what they would in the file.
 *
 * @param key   dotted path, e.g. {@code finetune.epochs.rte}
 * @param value the value as YAML read it (null for {@code key=null} or {@code key=})
 * @param given the argument as typed, to name it in error messages
 */
public record ConfigOverride(String key, JsonNode value, String given) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();

    /** Parses {@code key=value}; a malformed argument is a one-line {@link UserException}. */
    public static ConfigOverride parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new UserException("--set " + argument + ": expected KEY=VALUE, e.g. --set pretrain.learning_rate=1e-4");
        }
        String key = argument.substring(0, eq).strip();
        if (!KEY.matcher(key).matches()) {
            throw new UserException("--set " + argument + ": '" + key + "' is not a key path (snake_case words joined by '.')");
        }
        String text = argument.substring(eq + 1).strip();
        return new ConfigOverride(key, read(argument, text), argument);
    }

    private static JsonNode read(String argument, String text) {
        if (text.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            JsonNode n = YAML.readTree(text);
            if (n == null || n.isMissingNode()) {
                return NullNode.getInstance();
            }
            // YAML 1.1 reads 1e-4 (no dot) as a string; a number is what anyone typing it means
            if (n.isTextual() && looksNumeric(n.asText())) {
                return YAML.readTree(n.asText().contains(".") ? n.asText() : n.asText().replaceFirst("([eE])", ".0$1"));
            }
            return n;
        } catch (JsonProcessingException e) {
            // not valid YAML on its own (e.g. "a: b"): take it as the string typed
            return TextNode.valueOf(text);
        }
    }

    private static boolean looksNumeric(String s) {
        return s.matches("[-+]?[0-9]+(\\.[0-9]*)?[eE][-+]?[0-9]+");
    }

    /** The key's segments: {@code pretrain.learning_rate} → [pretrain, learning_rate]. */
    public String[] path() {
        return key.split("\\.");
    }

    /** Where this value came from, for messages: {@code --set pretrain.learning_rate=1e-4}. */
    public String origin() {
        return "--set " + given;
    }
}
