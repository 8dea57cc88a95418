package dev.electrabench.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a config accepts, as dotted paths ({@code pretrain.learning_rate}), and the "did you mean"
 * for one it does not: the closest key of the same section by edit distance, else a key of that name (or
 * a close one) in another section ({@code learning_rate} → {@code pretrain.learning_rate or
 * finetune.learning_rate}). Run configs and compare configs both use it, so both say it the same way.
 */
public final class ConfigKeys {
    private final Set<String> keys;
    private final Set<String> sections;
    private final Set<String> openMaps;

    /**
     * @param keys     every accepted key path, sections included ({@code pretrain}, {@code pretrain.batch_size})
     * @param openMaps sections whose entries are free names (e.g. {@code finetune.epochs}: one per task)
     */
    public ConfigKeys(Set<String> keys, Set<String> openMaps) {
        this.keys = Set.copyOf(keys);
        this.openMaps = Set.copyOf(openMaps);
        Set<String> s = new TreeSet<>();
        for (String k : keys) {
            for (int i = k.indexOf('.'); i > 0; i = k.indexOf('.', i + 1)) {
                s.add(k.substring(0, i));
            }
        }
        s.addAll(openMaps);
        this.sections = s;
    }

    /** The key paths of a tree of defaults: every field, at every depth below an object. */
    public static ConfigKeys of(JsonNode defaults, Set<String> openMaps) {
        Set<String> keys = new TreeSet<>();
        collect(defaults, "", openMaps, keys);
        return new ConfigKeys(keys, openMaps);
    }

    private static void collect(JsonNode node, String prefix, Set<String> openMaps, Set<String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            into.add(path);
            if (e.getValue().isObject() && !openMaps.contains(path)) {
                collect(e.getValue(), path, openMaps, into);
            }
        }
    }

    /** All accepted key paths, sorted (sections and their keys). */
    public Set<String> all() {
        return new TreeSet<>(keys);
    }

    /** Whether {@code path} is accepted: a known key, or an entry of an open map. */
    public boolean accepts(String path) {
        if (keys.contains(path)) {
            return true;
        }
        int dot = path.lastIndexOf('.');
        return dot > 0 && openMaps.contains(path.substring(0, dot));
    }

    /**
     * The first key of {@code tree} (depth first, in file order) that is not accepted, or empty.
     * Values of keys that take a scalar are not looked into (binding reports a mapping given there).
     */
    public Optional<String> firstUnknown(JsonNode tree) {
        return firstUnknown(tree, "");
    }

    private Optional<String> firstUnknown(JsonNode node, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (!accepts(path)) {
                return Optional.of(path);
            }
            if (e.getValue().isObject() && sections.contains(path) && !openMaps.contains(path)) {
                Optional<String> inner = firstUnknown(e.getValue(), path);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * "unknown key X (did you mean Y?)", or, with nothing close, "unknown key X (keys of S: ...)" listing its
     * section's keys.
     */
    public String unknownKeyMessage(String path) {
        List<String> close = suggestions(path);
        if (!close.isEmpty()) {
            return "unknown key " + path + " (did you mean " + String.join(" or ", close) + "?)";
        }
        String parent = parentOf(path);
        String where = parent.isEmpty() ? "known keys" : "keys of " + parent;
        return "unknown key " + path + " (" + where + ": " + String.join(", ", childrenOf(parent)) + ")";
    }

    /**
     * Close keys for {@code path}: the nearest of its own section within the typo distance, else keys of
     * other sections with the same or a near last name (at most three, nearest first).
     */
    public List<String> suggestions(String path) {
        String parent = parentOf(path);
        String name = lastOf(path);
        int limit = typoDistance(name);
        Comparator<String> nearest = Comparator.<String>comparingInt(k -> distance(name, lastOf(k))).thenComparing(k -> k);
        List<String> siblings = childrenOf(parent).stream()
                .map(c -> parent.isEmpty() ? c : parent + "." + c)
                .filter(k -> distance(name, lastOf(k)) <= limit)
                .sorted(nearest).toList();
        if (!siblings.isEmpty()) {
            int best = distance(name, lastOf(siblings.get(0)));
            return siblings.stream().filter(k -> distance(name, lastOf(k)) == best).limit(3).toList();
        }
        // right name, wrong place: "learning_rate" at the top, "pretrain.vocab_size"
        List<String> elsewhere = new ArrayList<>();
        for (String k : new TreeSet<>(keys)) {
            if (!k.equals(path) && distance(name, lastOf(k)) <= limit) {
                elsewhere.add(k);
            }
        }
        elsewhere.sort(nearest);
        return elsewhere.stream().limit(3).toList();
    }

    private List<String> childrenOf(String parent) {
        return keys.stream()
                .filter(k -> parentOf(k).equals(parent))
                .map(ConfigKeys::lastOf)
                .sorted().toList();
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String lastOf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Edits a typo may make: 1 for short names, up to 3 for long ones ("max_predictions_per_seq"). */
    static int typoDistance(String name) {
        return Math.max(1, Math.min(3, name.length() / 4));
    }

    /** Damerau–Levenshtein (optimal string alignment): insertions, deletions, substitutions, swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
