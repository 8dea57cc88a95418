package dev.electrabench.core.pretrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.pretrain.RealCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus readers on the real Wikipedia / WikiText files, plus malformed input. */
class CorpusReaderTest {
    @TempDir
    Path tmp;

    private static List<String> readAll(CorpusReader reader) {
        List<String> out = new ArrayList<>();
        try (reader) {
            String s;
            while ((s = reader.next()) != null) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void wikipediaCorpusHasItsDocumentedArticleCountAndNoMarkup() {
        // shared/data/SOURCES.md: the 100 WikiExtractor files hold 6514 articles, 102,738,297 bytes uncompressed
        long documents = 0;
        long bytes = 0;
        for (Path file : CorpusFiles.list(RealCorpus.wikipedia())) {
            try (CorpusReader reader = CorpusFormat.AUTO.open(file)) {
                String s;
                while ((s = reader.next()) != null) {
                    if (s.equals(CorpusReader.DOCUMENT_END)) {
                        documents++;
                    } else {
                        assertFalse(s.startsWith("<doc") || s.equals("</doc>"), s);
                    }
                }
                bytes += reader.bytesRead();
            }
        }
        assertEquals(6514, documents);
        assertEquals(102_738_297L, bytes);
    }

    @Test
    void wikiExtractorDropsTheTitleLineAndEndsDocumentsAtCloseTag() {
        List<String> s = readAll(CorpusFormat.WIKIEXTRACTOR.open(RealCorpus.wikipediaFile(0)));
        // wiki_00 opens with <doc ... title="Anarchism">, the title line "Anarchism", a blank line, paragraphs
        assertTrue(s.get(0).startsWith("Anarchism is a political philosophy that advocates stateless societies"));
        assertTrue(s.get(1).startsWith("As an anti-dogmatic philosophy, anarchism draws on many currents"));
        assertEquals("Etymology and terminology.", s.get(2), "section headings are kept as sentences");
        int end = s.indexOf(CorpusReader.DOCUMENT_END);
        assertTrue(s.get(end + 1).startsWith("Autism is a neurodevelopmental disorder"), "second article, title dropped");
        assertFalse(s.contains("Anarchism") || s.contains("Autism"), "bare title lines are dropped");
    }

    @Test
    void gzipIsRecognisedByContentAndReadsLikeThePlainFile() throws IOException {
        Path plain = tmp.resolve("wiki_00");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(RealCorpus.wikipediaFile(0)))) {
            Files.copy(in, plain);
        }
        assertEquals(1_034_599L, Files.size(plain), "raw size from SOURCES.md");
        CorpusReader gz = CorpusFormat.AUTO.open(RealCorpus.wikipediaFile(0));
        CorpusReader raw = CorpusFormat.AUTO.open(plain);
        assertEquals(readAll(gz), readAll(raw));
        try (CorpusReader r = CorpusFormat.AUTO.open(plain)) {
            while (r.next() != null) {
                // drain
            }
            assertEquals(1_034_599L, r.bytesRead());
        }
    }

    @Test
    void wikiTextSplitsArticlesAtTitlesAndUndoesItsTokenizationMarks() {
        assertEquals(CorpusFormat.WIKITEXT, CorpusFormat.detect(RealCorpus.wikitextValid()));
        List<String> s = readAll(CorpusFormat.AUTO.open(RealCorpus.wikitextValid()));
        // WikiText-2 validation = 60 articles (Merity et al. 2016): 59 boundaries, the last one ends with the file
        assertEquals(59, s.stream().filter(CorpusReader.DOCUMENT_END::equals).count());
        // line 37 of the file: "<unk> are mostly fished ... In 2008 , 4 @,@ 386 t of H. gammarus ..."
        String fished = s.stream().filter(x -> x.contains("are mostly fished using lobster pots")).findFirst().orElseThrow();
        assertTrue(fished.startsWith("[UNK] are mostly fished"), fished);
        assertTrue(fished.contains("In 2008 , 4,386 t of H. gammarus were caught"), fished);
        assertTrue(s.stream().noneMatch(x -> x.contains("@,@") || x.contains("@.@") || x.contains("@-@")));
        assertTrue(s.stream().noneMatch(x -> x.startsWith("=")), "headings are dropped");
        assertTrue(s.get(0).startsWith("Homarus gammarus , known as the European lobster"), s.get(0));
        // and the tokenizer maps the [UNK] placeholder to the unknown id instead of word pieces of "<unk>"
        int[] ids = RealCorpus.tokenizer().ids(fished);
        assertEquals(RealCorpus.vocab().unkId(), ids[0]);
    }

    @Test
    void plainTextTreatsEveryBlankLineAsADocumentBoundary() throws IOException {
        List<String> lines = Files.readAllLines(RealCorpus.wikitextValid(), StandardCharsets.UTF_8);
        List<String> s = readAll(CorpusFormat.PLAIN_TEXT.open(RealCorpus.wikitextValid()));
        assertEquals(3760, lines.size(), "SOURCES.md");
        assertEquals(lines.size(), s.size(), "one item per line");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i).strip(), s.get(i));
        }
    }

    @Test
    void formatsAreDetectedFromContent() {
        assertEquals(CorpusFormat.WIKIEXTRACTOR, CorpusFormat.detect(RealCorpus.wikipediaFile(3)));
        assertEquals(CorpusFormat.WIKITEXT, CorpusFormat.detect(RealCorpus.wikitextValid()));
        assertEquals(CorpusFormat.PLAIN_TEXT, CorpusFormat.detect(RealCorpus.vocabFile()));
    }

    @Test
    void corpusDirectoryListsAllFilesSortedRecursivelyWithoutHiddenOnes() throws IOException {
        List<Path> wiki = CorpusFiles.list(RealCorpus.wikipedia());
        assertEquals(100, wiki.size());
        assertEquals("wiki_00.gz", wiki.get(0).getFileName().toString());
        assertEquals("wiki_99.gz", wiki.get(99).getFileName().toString());
        Files.createDirectories(tmp.resolve("b/c"));
        Files.writeString(tmp.resolve("b/c/z.txt"), "z");
        Files.writeString(tmp.resolve("a.txt"), "a");
        Files.writeString(tmp.resolve("c.txt"), "c");
        Files.writeString(tmp.resolve(".hidden"), "h");
        assertEquals(List.of(tmp.resolve("a.txt"), tmp.resolve("b/c/z.txt"), tmp.resolve("c.txt")), CorpusFiles.list(tmp));
        assertEquals(List.of(RealCorpus.wikitextValid()), CorpusFiles.list(RealCorpus.wikitextValid()));
    }

    @Test
    void missingOrEmptyCorpusIsAUserError() throws IOException {
        UserException missing = assertThrows(UserException.class, () -> CorpusFiles.list(tmp.resolve("nope")));
        assertTrue(missing.getMessage().startsWith(tmp.resolve("nope") + ": corpus not found"), missing.getMessage());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        UserException none = assertThrows(UserException.class, () -> CorpusFiles.list(empty));
        assertEquals(empty + ": corpus directory contains no files", none.getMessage());
    }

    @Test
    void malformedWikiExtractorFilesNameFileAndLine() throws IOException {
        assertError("<doc id=\"1\">\nT\n\ntext\n", CorpusFormat.WIKIEXTRACTOR, ":4: file ends inside a <doc> (missing </doc>)");
        assertError("<doc id=\"1\">\nT\ntext\n<doc id=\"2\">\n", CorpusFormat.WIKIEXTRACTOR,
                ":4: <doc> before the previous document's </doc>");
        assertError("<doc id=\"1\">\nT\n</doc>\nstray text\n", CorpusFormat.WIKIEXTRACTOR, ":4: text outside <doc> ... </doc>");
        assertError("</doc>\n", CorpusFormat.WIKIEXTRACTOR, ":1: </doc> without a matching <doc>");
    }

    @Test
    void badBytesAndFakeGzipAreUserErrors() throws IOException {
        Path latin1 = tmp.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        UserException bad = assertThrows(UserException.class, () -> readAll(CorpusFormat.PLAIN_TEXT.open(latin1)));
        assertEquals(latin1 + ":2: not valid UTF-8 text", bad.getMessage());

        Path fake = tmp.resolve("fake.gz");
        Files.writeString(fake, "plain text\n");
        UserException notGzip = assertThrows(UserException.class, () -> CorpusFormat.PLAIN_TEXT.open(fake));
        assertEquals(fake + ": named .gz but is not gzip-compressed", notGzip.getMessage());

        Path truncated = tmp.resolve("truncated.gz");
        byte[] whole = Files.readAllBytes(RealCorpus.wikipediaFile(0));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        UserException cut = assertThrows(UserException.class, () -> readAll(CorpusFormat.AUTO.open(truncated)));
        assertTrue(cut.getMessage().startsWith(truncated + ":") && cut.getMessage().contains("truncated gzip"),
                cut.getMessage());
    }

    private void assertError(String content, CorpusFormat format, String expectedSuffix) throws IOException {
        Path file = Files.createTempFile(tmp, "bad", ".txt");
        Files.writeString(file, content);
        UserException e = assertThrows(UserException.class, () -> readAll(format.open(file)));
        assertEquals(file + expectedSuffix, e.getMessage());
    }
}
