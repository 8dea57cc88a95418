package dev.electrabench.core.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Means of the loss and metrics over the steps since the last logged row. One batch holds only B·P masked
 * slots (608 at tiny), so a single step's accuracy moves by ±0.01–0.02; google-research/electra likewise
 * averages its metrics over many batches. NaN values (an AUC of a batch with one class) are left out of
 * their metric's mean. The sums go into checkpoints, so a resumed run logs the same rows as an
 * uninterrupted one.
 */
final class MetricsWindow {
    private final Map<String, double[]> sums = new LinkedHashMap<>(); // name -> {sum, count}

    void add(Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
            if (!Double.isNaN(v)) {
                s[0] += v;
                s[1]++;
            }
        }
    }

    /** The mean of each metric seen since {@link #clear} (NaN if it was NaN at every step). */
    Map<String, Double> means() {
        Map<String, Double> m = new LinkedHashMap<>();
        sums.forEach((k, s) -> m.put(k, s[1] == 0 ? Double.NaN : s[0] / s[1]));
        return m;
    }

    void clear() {
        sums.clear();
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        sums.forEach((k, s) -> o.putArray(k).add(s[0]).add(s[1]));
        return o;
    }

    /** Replaces the sums by those of {@link #toJson}; a missing node (older checkpoints) clears them. */
    void restore(JsonNode node) {
        sums.clear();
        if (node == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sums.put(e.getKey(), new double[] {e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()});
        }
    }
}
