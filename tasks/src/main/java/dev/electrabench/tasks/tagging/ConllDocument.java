package dev.electrabench.tasks.tagging;

import java.util.List;

/**
 * The sentences of one {@code -DOCSTART-} section (one Reuters article), kept together so that models
 * can use document context. Sentences before the first {@code -DOCSTART-}, if any, form document 0.
 */
public record ConllDocument(int index, List<ConllSentence> sentences) {
    public ConllDocument {
        sentences = List.copyOf(sentences);
    }
}
