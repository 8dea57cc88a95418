package dev.electrabench.tasks.tagging;

import dev.electrabench.tasks.Example;
import java.util.List;

/**
 * One CoNLL-2003 sentence.
 *
 * @param id {@code <split>-<n>}, n = 0-based sentence number in the file (-DOCSTART- lines excluded)
 * @param document 0-based index of the document ({@code -DOCSTART-} section) the sentence belongs to
 * @param tokens the words
 * @param pos part-of-speech tags
 * @param chunks syntactic chunk tags
 * @param tags NER tags in IOB2 (every entity starts with B-), converted from the files' IOB1
 */
public record ConllSentence(String id, int document, List<String> tokens, List<String> pos, List<String> chunks,
        List<String> tags) implements Example {

    public ConllSentence {
        tokens = List.copyOf(tokens);
        pos = List.copyOf(pos);
        chunks = List.copyOf(chunks);
        tags = List.copyOf(tags);
        int n = tokens.size();
        if (n == 0 || pos.size() != n || chunks.size() != n || tags.size() != n) {
            throw new IllegalArgumentException("a sentence needs one POS, chunk and NER tag per token");
        }
    }

    public int size() {
        return tokens.size();
    }
}
