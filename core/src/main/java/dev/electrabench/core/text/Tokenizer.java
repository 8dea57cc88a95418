package dev.electrabench.core.text;

import java.util.List;

/** Text to wordpieces with character offsets. */
public interface Tokenizer {
    /** Wordpieces of {@code text}, without special tokens, each with its span in {@code text}. */
    List<Token> tokenize(String text);

    /** Vocabulary ids of {@link #tokenize}. */
    default int[] ids(String text) {
        List<Token> tokens = tokenize(text);
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).id();
        }
        return ids;
    }
}
