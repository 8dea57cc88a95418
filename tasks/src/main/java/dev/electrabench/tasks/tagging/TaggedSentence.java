package dev.electrabench.tasks.tagging;

import java.util.List;

/**
 * One sentence of a conlleval file: tokens with gold and predicted tags, and the 1-based line of its
 * first token (for error messages).
 */
public record TaggedSentence(long line, List<String> tokens, List<String> gold, List<String> predicted) {
    public TaggedSentence {
        tokens = List.copyOf(tokens);
        gold = List.copyOf(gold);
        predicted = List.copyOf(predicted);
        if (gold.size() != tokens.size() || predicted.size() != tokens.size()) {
            throw new IllegalArgumentException("one gold and one predicted tag per token");
        }
    }
}
