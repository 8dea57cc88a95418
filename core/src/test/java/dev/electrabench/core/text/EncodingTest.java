package dev.electrabench.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Offsets and argument checks of encode(); the ids themselves are covered by the HF parity cases. */
class EncodingTest {
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = new WordPieceTokenizer(Vocab.load(WordPieceParityTest.vocabFile()));
    }

    @Test
    void pairOffsetsIndexTheirOwnTextAndAddedTokensAreZero() {
        // [CLS] yes(0..3) .(3..4) [SEP] no(0..2) .(2..3) [SEP] [PAD]
        Encoding e = tokenizer.encode("Yes.", "No.", 8, true);
        int[][] expected = {{0, 0}, {0, 3}, {3, 4}, {0, 0}, {0, 2}, {2, 3}, {0, 0}, {0, 0}};
        assertArrayEquals(expected, e.offsets());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 0}, e.tokenTypeIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 0}, e.attentionMask());
    }

    @Test
    void truncatedSingleTextKeepsItsFirstPieces() {
        // "unaffable" = una ##ffa ##ble; max 4 leaves room for 2 pieces
        Encoding e = tokenizer.encode("unaffable", null, 4, false);
        assertArrayEquals(new String[] {"[CLS]", "una", "##ffa", "[SEP]"}, e.tokens());
        assertArrayEquals(new int[][] {{0, 0}, {0, 3}, {3, 6}, {0, 0}}, e.offsets());
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a", "b", 2, false)); // < 3 specials
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a", null, 1, false));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a", null, 0, true));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a", null, -5, false));
    }
}
