package dev.electrabench.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Character spans of wordpieces, worked out by hand: each piece must span the UTF-16 indices of the
 * original characters it came from. Piece strings come from the HF fixtures for the same inputs.
 */
class WordPieceOffsetsTest {
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = new WordPieceTokenizer(Vocab.load(WordPieceParityTest.vocabFile()));
    }

    /** "piece start end" per token. */
    private static List<String> spans(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : tokenizer.tokenize(text)) {
            out.add(t.piece() + " " + t.start() + " " + t.end());
        }
        return out;
    }

    @Test
    void punctuationIsSplitOffWithItsOwnSpan() {
        // H0 e1 l2 l3 o4 ,5 _6 w7 o8 r9 l10 d11 !12
        assertEquals(List.of("hello 0 5", ", 5 6", "world 7 12", "! 12 13"), spans("Hello, world!"));
    }

    @Test
    void accentedCharactersKeepTheirOriginalSpan() {
        // "Café" is 4 UTF-16 chars (é precomposed) -> "cafe" over 0..4; "naïve" starts after the space at 4
        assertEquals(List.of("cafe 0 4", "naive 5 10"), spans("Café naïve"));
    }

    @Test
    void decomposedAccentBelongsToThePrecedingCharacter() {
        // c0 a1 f2 e3 U+0301@4 _5 x6: the stripped combining acute is part of "cafe" -> 0..5
        assertEquals(List.of("cafe 0 5", "x 6 7"), spans("cafe\u0301 x"));
    }

    @Test
    void capitalIWithDotMapsToOneOriginalCharacter() {
        // İ (U+0130, 1 char) -> NFD I + U+0307 -> "i"; "İstanbul" is 8 chars
        assertEquals(List.of("istanbul 0 8"), spans("İstanbul"));
    }

    @Test
    void continuationPiecesSpanTheirPartOfTheWord() {
        // una|ffa|ble = 3+3+3 chars; second word starts at 10: un|bel|ie|va|bly = 2+3+2+2+3
        assertEquals(
                List.of("una 0 3", "##ffa 3 6", "##ble 6 9",
                        "un 10 12", "##bel 12 15", "##ie 15 17", "##va 17 19", "##bly 19 22"),
                spans("unaffable unbelievably"));
    }

    @Test
    void accentedContinuationPiece() {
        // n0 a1 ï2 v3 e4 t5 é6 日7 本8 a9 b10 c11 1@12 2@13 3@14 -> naive|te, 日, 本, abc|12|3
        assertEquals(
                List.of("naive 0 5", "##te 5 7", "日 7 8", "本 8 9", "abc 9 12", "##12 12 14", "##3 14 15"),
                spans("naïveté日本abc123"));
    }

    @Test
    void whitespaceRunsAreSkipped() {
        // "  multiple    spaces\tand\n" : multiple 2..10, spaces 14..20, tab at 20, and 21..24
        assertEquals(List.of("multiple 2 10", "spaces 14 20", "and 21 24"), spans("  multiple    spaces\tand\n"));
    }

    @Test
    void cjkIdeographsAreSingleCharacterWords() {
        // every ideograph is its own word; 词 测 试 are not in the vocab; fullwidth colon is punctuation
        assertEquals(
                List.of("中 0 1", "文 1 2", "分 2 3", "[UNK] 3 4", "[UNK] 4 5", "[UNK] 5 6", "： 6 7"),
                spans("中文分词测试："));
    }

    @Test
    void hangulJamoPiecesAllSpanTheirSyllable() {
        // each syllable decomposes into 2-3 jamo; every piece maps back to its 1-char syllable
        assertEquals(
                List.of("ᄒ 0 1", "##ᅡ 0 1", "##ᆫ 0 1", "##ᄀ 1 2", "##ᅮ 1 2", "##ᆨ 1 2", "##ᄋ 2 3", "##ᅥ 2 3"),
                spans("한국어"));
    }

    @Test
    void ligatureIsNotDecomposed() {
        // ﬁ is one char (U+FB01): ﬁ 0..1, nan 1..4, ce 4..6
        assertEquals(List.of("ﬁ 0 1", "##nan 1 4", "##ce 4 6"), spans("ﬁnance"));
    }

    @Test
    void removedZeroWidthCharacterDoesNotSplitTheWord() {
        // z0 e1 r2 o3 U+200B@4 w5 i6 d7 t8 h9: one word "zerowidth"
        assertEquals(List.of("zero 0 4", "##wi 5 7", "##dt 7 9", "##h 9 10"), spans("zero\u200bwidth"));
    }

    @Test
    void unknownWordIsOneUnkOverTheWholeWord() {
        // f0 o1 o2 ✓3 b4 a5 r6 _7 b8 a9 z10
        assertEquals(List.of("[UNK] 0 7", "ba 8 10", "##z 10 11"), spans("foo✓bar baz"));
    }

    @Test
    void supplementaryCharacterSpansTwoUtf16Units() {
        // x0 _1 🤗 = U+1F917 = surrogate pair @2,3 _4 y5
        assertEquals(List.of("x 0 1", "[UNK] 2 4", "y 5 6"), spans("x \uD83E\uDD17 y"));
    }

    @Test
    void wordOverOneHundredCharactersIsUnk() {
        String word = "ab".repeat(50) + "c"; // 101 chars
        assertEquals(List.of("[UNK] 0 101", "x 102 103"), spans(word + " x"));
    }

    @Test
    void specialTokenLiteralsStayWholeEvenInsideAWord() {
        // [CLS]0..5 _5 hello 6..11 _11 [SEP] 12..17; "a[MASK]b": a 0..1, [MASK] 1..7, b 7..8
        assertEquals(List.of("[CLS] 0 5", "hello 6 11", "[SEP] 12 17"), spans("[CLS] hello [SEP]"));
        assertEquals(List.of("a 0 1", "[MASK] 1 7", "b 7 8"), spans("a[MASK]b"));
        assertEquals(List.of("[ 0 1", "mask 1 5", "] 5 6"), spans("[mask]"));
    }
}
