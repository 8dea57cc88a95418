package dev.electrabench.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Characters on which HF tokenizers (Unicode 8.0 category tables) and Java 17 (Unicode 13.0) disagree:
 * HF's behaviour wins. Expected ids are looked up in the vocabulary: "x" = 1061, "xx" = 22039.
 */
class HfUnicodeVersionTest {
    private static WordPieceTokenizer tokenizer;
    private static int x;
    private static int xx;
    private static int unk;

    @BeforeAll
    static void load() {
        tokenizer = new WordPieceTokenizer(Vocab.load(WordPieceParityTest.vocabFile()));
        x = tokenizer.vocab().id("x");
        xx = tokenizer.vocab().id("xx");
        unk = tokenizer.vocab().unkId();
    }

    @Test
    void markAddedAfterUnicode8IsAnOrdinaryLetter() {
        // U+0B55 ORIYA SIGN OVERLINE (Mn, new in 13.0) is not stripped: "x\u0b55x" is one unknown word
        assertArrayEquals(new int[] {unk}, tokenizer.ids("x\u0B55x"));
        // U+0301 COMBINING ACUTE (Mn since 1.1) is stripped: "xx"
        assertArrayEquals(new int[] {xx}, tokenizer.ids("x\u0301x"));
    }

    @Test
    void punctuationAddedAfterUnicode8IsNotSplitOff() {
        // U+2E43 DASH WITH LEFT UPTURN (Po, new in 10.0) stays inside the word
        assertArrayEquals(new int[] {unk}, tokenizer.ids("x\u2E43x"));
        // U+2E3B THREE-EM DASH (Pd, 8.0) is split off; it is not in the vocab
        assertArrayEquals(new int[] {x, unk, x}, tokenizer.ids("x\u2E3Bx"));
    }

    @Test
    void charactersWhoseCategoryChangedKeepTheirUnicode8Category() {
        // U+166D CANADIAN SYLLABICS CHI SIGN: Po in 8.0 (So in Java 17) -> split off
        assertArrayEquals(new int[] {x, unk, x}, tokenizer.ids("x\u166Dx"));
    }

    @Test
    void privateUseIsDroppedButUnassignedIsKept() {
        // U+E123 (Co) is removed by cleaning: "xx"; U+0378 (unassigned) stays: one unknown word
        assertArrayEquals(new int[] {xx}, tokenizer.ids("x\uE123x"));
        assertArrayEquals(new int[] {unk}, tokenizer.ids("x\u0378x"));
    }
}
