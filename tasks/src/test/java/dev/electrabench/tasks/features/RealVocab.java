package dev.electrabench.tasks.features;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import java.util.Arrays;

/** The bert-base-uncased tokenizer from the shared data directory, loaded once. */
final class RealVocab {
    static final WordPieceTokenizer TOKENIZER =
            new WordPieceTokenizer(Vocab.load(DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt")));

    private RealVocab() {}

    static int[] ids(String text) {
        return TOKENIZER.ids(text);
    }

    static int[] slice(int[] a, int from, int to) {
        return Arrays.copyOfRange(a, from, to);
    }
}
