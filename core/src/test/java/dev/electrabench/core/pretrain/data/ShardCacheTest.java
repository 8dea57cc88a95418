package dev.electrabench.core.pretrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.RealCorpus;
import dev.electrabench.core.text.Vocab;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenize-once cache on a capped slice of the real Wikipedia corpus. */
class ShardCacheTest {
    private static final Vocab VOCAB = RealCorpus.vocab();
    private static final PretrainingDataSpec SPEC =
            PretrainingDataSpec.electra(RealCorpus.wikipedia(), 128, 1).withMaxExamples(300);

    @TempDir
    Path root;

    private ShardCache cache(CountingTokenizer tokenizer) {
        return new ShardCache(root, tokenizer, VOCAB);
    }

    private static CountingTokenizer counting() {
        return new CountingTokenizer(RealCorpus.tokenizer());
    }

    private static List<PretrainingExample> all(ExampleStore store) {
        List<PretrainingExample> out = new ArrayList<>();
        for (int i = 0; i < store.size(); i++) {
            out.add(store.get(i));
        }
        return out;
    }

    private static void assertSameExamples(List<PretrainingExample> expected, List<PretrainingExample> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).ids(), actual.get(i).ids(), "example " + i);
            assertEquals(expected.get(i).firstSegmentEnd(), actual.get(i).firstSegmentEnd(), "example " + i);
        }
    }

    @Test
    void secondOpenReusesTheEntryWithoutTokenizing() throws IOException {
        CountingTokenizer first = counting();
        ShardCache.Opened built = cache(first).open(SPEC);
        assertTrue(built.built());
        assertEquals(300, built.examples().size());
        assertTrue(first.calls > 300, "the first open tokenized the corpus");
        Path data = built.directory().resolve(ExampleFile.NAME);
        FileTime writtenAt = Files.getLastModifiedTime(data);

        CountingTokenizer second = counting();
        ShardCache.Opened reused = cache(second).open(SPEC);
        assertFalse(reused.built());
        assertEquals(built.directory(), reused.directory());
        assertEquals(1, second.calls, "only the cache key's tokenizer probe; no corpus text tokenized");
        assertEquals(writtenAt, Files.getLastModifiedTime(data), "entry not rewritten");
        assertEquals(built.buildStats(), reused.buildStats());
        assertEquals(128, reused.examples().seqLength());

        // the round trip through the file is lossless: same examples as streaming the corpus directly
        List<PretrainingExample> direct = RealCorpus.wikipediaExamples(300, 128, 1);
        assertSameExamples(direct, all(reused.examples()));
    }

    @Test
    void vocabularyHashIsTheFilesSha256() {
        // shared/data/SOURCES.md: sha256 of bert-base-uncased-vocab.txt
        assertEquals("07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3", CacheKey.vocabSha256(VOCAB));
    }

    @Test
    void corruptedTruncatedOrUnfinishedEntriesAreRebuilt() throws IOException {
        ShardCache.Opened original = cache(counting()).open(SPEC);
        List<PretrainingExample> expected = all(original.examples());
        Path data = original.directory().resolve(ExampleFile.NAME);

        // one flipped byte in the middle of the token data
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.seek(f.length() / 3);
            int b = f.read();
            f.seek(f.length() / 3);
            f.write(b ^ 0x5A);
        }
        ShardCache.Opened afterFlip = cache(counting()).open(SPEC);
        assertTrue(afterFlip.built(), "checksum mismatch must trigger a rebuild");
        assertSameExamples(expected, all(afterFlip.examples()));

        // a data file cut short (as by a full disk)
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        assertTrue(cache(counting()).open(SPEC).built());

        // an entry without its manifest
        Files.delete(original.directory().resolve(CacheManifest.NAME));
        ShardCache.Opened afterManifest = cache(counting()).open(SPEC);
        assertTrue(afterManifest.built());
        assertSameExamples(expected, all(afterManifest.examples()));
    }

    @Test
    void aCrashedBuildLeavesNothingThatLooksComplete() throws IOException {
        // tokenizer dies after 200 sentences: the build fails, no entry is published
        CountingTokenizer crashing = new CountingTokenizer(RealCorpus.tokenizer(), 200);
        assertThrows(IllegalStateException.class, () -> cache(crashing).open(SPEC));
        String key = CacheKey.of(SPEC, CorpusFiles.list(SPEC.corpus()), counting(), VOCAB).hex();
        assertFalse(Files.exists(root.resolve(key)));

        // a temp dir left by a build killed hard (no finally): half a data file, no manifest
        Path abandoned = Files.createDirectory(root.resolve(".tmp-" + key + "-killed"));
        Files.write(abandoned.resolve(ExampleFile.NAME), new byte[4096]);

        ShardCache.Opened opened = cache(counting()).open(SPEC);
        assertTrue(opened.built());
        assertEquals(root.resolve(key), opened.directory());
        assertEquals(300, opened.examples().size());
        try (Stream<Path> left = Files.list(root)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "abandoned temp dir removed");
        }
    }

    @Test
    void anyChangeOfInputsSelectsADifferentEntry() throws IOException {
        Path base = cache(counting()).open(SPEC).directory();
        assertNotEquals(base, cache(counting()).open(
                new PretrainingDataSpec(SPEC.corpus(), SPEC.format(), SPEC.builder(), 2, 300, 0)).directory());
        assertNotEquals(base, cache(counting()).open(SPEC.withMaxExamples(299)).directory());
        assertNotEquals(base, cache(counting()).open(new PretrainingDataSpec(SPEC.corpus(), SPEC.format(),
                new ExampleBuilderConfig(128, 0.1, 0.5, 0.0, 5), 1, 300, 0)).directory());

        // a corpus file touched after the build (same bytes, new mtime) invalidates the entry
        Path corpus = Files.createDirectories(root.resolve("corpus"));
        Path copy = corpus.resolve("wiki_07.gz");
        Files.copy(RealCorpus.wikipediaFile(7), copy);
        PretrainingDataSpec small = PretrainingDataSpec.electra(corpus, 64, 1).withMaxExamples(20);
        ShardCache.Opened before = cache(counting()).open(small);
        assertFalse(cache(counting()).open(small).built());
        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() + 60_000));
        ShardCache.Opened after = cache(counting()).open(small);
        assertTrue(after.built());
        assertNotEquals(before.directory(), after.directory());
    }
}
