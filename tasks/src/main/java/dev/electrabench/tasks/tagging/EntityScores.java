package dev.electrabench.tasks.tagging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * conlleval's result: micro-averaged chunk scores over all types, per-type scores (types sorted by name,
 * as conlleval prints them) and token accuracy ×100.
 */
public record EntityScores(TypeScores overall, SortedMap<String, TypeScores> perType, int correctTokens, int tokens) {

    public EntityScores {
        perType = new TreeMap<>(perType);
    }

    public double precision() {
        return overall.precision();
    }

    public double recall() {
        return overall.recall();
    }

    public double f1() {
        return overall.f1();
    }

    /** 100 · tokens whose gold and predicted tag are equal / tokens. */
    public double accuracy() {
        return tokens == 0 ? 0 : 100.0 * correctTokens / tokens;
    }

    /**
     * Flat view: {@code precision}, {@code recall}, {@code f1}, {@code accuracy}, then {@code <TYPE>.precision},
     * {@code <TYPE>.recall}, {@code <TYPE>.f1} per type.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("precision", precision());
        map.put("recall", recall());
        map.put("f1", f1());
        map.put("accuracy", accuracy());
        perType.forEach((type, s) -> {
            map.put(type + ".precision", s.precision());
            map.put(type + ".recall", s.recall());
            map.put(type + ".f1", s.f1());
        });
        return map;
    }
}
