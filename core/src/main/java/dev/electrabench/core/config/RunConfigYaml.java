package dev.electrabench.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * YAML ↔ {@link RunConfig}. Loading reads the file into a {@link ConfigTree} (which remembers the line of
 * every key), checks its keys, lays it over the defaults, applies {@code --set} overrides and binds the
 * result strictly (fractional integers and nulls for numbers are errors); any failure is turned into
 * "file:line: key: problem" (or "--set key=value: key: problem").
 */
final class RunConfigYaml {
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

    /** Every key a run config accepts; {@code finetune.epochs} takes any task name. */
    static final ConfigKeys KEYS = ConfigKeys.of(BINDER.valueToTree(RunConfig.defaults()), Set.of("finetune.epochs"));

    /**
     * The file (or, when null, nothing) laid over the defaults, then the overrides laid over that: a
     * {@code --set} changes one key, so {@code finetune.epochs.rte=5} keeps the other tasks' epochs.
     */
    static RunConfig load(Path file, List<ConfigOverride> overrides) {
        ConfigTree user = file == null ? ConfigTree.empty("config") : ConfigTree.read(file, "run config");
        if (!user.root().has("name")) {
            user.root().put("name", file == null ? "default" : file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        }
        user.checkKeys(KEYS);
        overrides.forEach(o -> ConfigTree.checkKey(o, KEYS));
        ObjectNode merged = defaultsTree();
        overlay(merged, user.root());
        ConfigTree resolved = user.over(merged);
        overrides.forEach(resolved::set);
        return resolved.bind(BINDER, RunConfig.class);
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

}
