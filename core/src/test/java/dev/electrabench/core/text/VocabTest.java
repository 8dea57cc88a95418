package dev.electrabench.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the vocabulary file and rejecting bad ones with a message that names the file. */
class VocabTest {
    @TempDir
    Path dir;

    @Test
    void realVocabularyHasBertsSpecialIds() {
        Vocab v = Vocab.load(WordPieceParityTest.vocabFile());
        // bert-base-uncased: 30,522 lines; [PAD] line 0, [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103
        assertEquals(30522, v.size());
        assertEquals(0, v.padId());
        assertEquals(100, v.unkId());
        assertEquals(101, v.clsId());
        assertEquals(102, v.sepId());
        assertEquals(103, v.maskId());
        assertEquals(-1, v.id("no-such-token-in-the-vocab"));
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope-vocab.txt");
        UserException e = assertThrows(UserException.class, () -> Vocab.load(missing));
        assertTrue(e.getMessage().startsWith(missing.toString() + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        UserException e = assertThrows(UserException.class, () -> Vocab.load(empty));
        assertTrue(e.getMessage().startsWith(empty + ":"), e.getMessage());
    }

    @Test
    void fileWithoutSpecialTokensIsRejected() throws IOException {
        Path noUnk = Files.write(dir.resolve("no-unk.txt"), List.of("[PAD]", "[CLS]", "[SEP]", "[MASK]", "a"));
        UserException e = assertThrows(UserException.class, () -> Vocab.load(noUnk));
        assertTrue(e.getMessage().contains("[UNK]"), e.getMessage());
        assertTrue(e.getMessage().startsWith(noUnk + ":"), e.getMessage());
    }

    @Test
    void windowsLineEndingsAreNotPartOfTokens() throws IOException {
        Path crlf = Files.writeString(dir.resolve("crlf.txt"), "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n[MASK]\r\nhello\r\n");
        Vocab v = Vocab.load(crlf);
        assertEquals(5, v.id("hello"));
    }

    @Test
    void tokenizerNeedsAnUnknownToken() {
        Vocab v = new Vocab(List.of("[PAD]", "a"));
        assertThrows(IllegalArgumentException.class, () -> new WordPieceTokenizer(v));
    }
}
