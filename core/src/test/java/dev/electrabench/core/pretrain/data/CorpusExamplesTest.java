package dev.electrabench.core.pretrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.RealCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus → tokenizer → builder pipeline on real files: caps, accounting and example structure. */
class CorpusExamplesTest {
    private static CorpusExamples pipeline(Path corpus, int seqLength, long maxExamples, long maxBytes) {
        return new CorpusExamples(CorpusFiles.list(corpus), CorpusFormat.AUTO, RealCorpus.tokenizer(), RealCorpus.vocab(),
                ExampleBuilderConfig.electra(seqLength), 1, maxExamples, maxBytes);
    }

    @Test
    void exampleCapStopsAtExactlyThatMany() {
        List<PretrainingExample> out = new ArrayList<>();
        CorpusStats stats = pipeline(RealCorpus.wikipedia(), 128, 250, 0).forEach(out::add);
        assertEquals(250, out.size());
        assertEquals(250, stats.examples());
        assertEquals(1, stats.files(), "250 examples fit in the first file");
        assertEquals(out.stream().mapToLong(PretrainingExample::length).sum(), stats.exampleTokens());
        // every word piece either lands in an example or is counted as dropped: pieces + 2 or 3 specials each
        long specials = out.stream().mapToLong(e -> e.hasSecondSegment() ? 3 : 2).sum();
        assertTrue(stats.sentenceTokens() >= stats.exampleTokens() - specials + stats.droppedTokens(),
                "sentence tokens cover kept + dropped (the unfinished last document is neither)");
    }

    @Test
    void byteCapReadsJustPastTheCapAndFinishesTheDocument() throws Exception {
        long cap = 200_000;
        List<PretrainingExample> out = new ArrayList<>();
        CorpusStats stats = pipeline(RealCorpus.wikipedia(), 128, 0, cap).forEach(out::add);
        assertTrue(stats.inputBytes() >= cap, "read at least the cap");
        // the line that crosses the cap is the last one read; Wikipedia paragraphs are < 64 KB
        assertTrue(stats.inputBytes() < cap + 65_536, "stopped at the cap: " + stats.inputBytes());
        assertEquals(out.size(), stats.examples());
        assertTrue(out.size() > 100, "≈ 200 KB of text is ≈ 350 examples of 128");
    }

    @Test
    void wholeWikiTextValidationFileBecomesWellFormedExamples() throws Exception {
        List<PretrainingExample> out = new ArrayList<>();
        CorpusStats stats = pipeline(RealCorpus.wikitextValid(), 128, 0, 0).forEach(out::add);
        assertEquals(Files.size(RealCorpus.wikitextValid()), stats.inputBytes());
        assertEquals(60, stats.documents(), "60 articles");
        int cls = RealCorpus.vocab().clsId();
        int sep = RealCorpus.vocab().sepId();
        for (PretrainingExample e : out) {
            int[] ids = e.ids();
            assertTrue(ids.length <= 128 && ids.length >= 3);
            assertEquals(cls, ids[0]);
            assertEquals(sep, ids[e.firstSegmentEnd() - 1]);
            assertEquals(sep, ids[ids.length - 1]);
            long specials = Arrays.stream(ids).filter(id -> id == cls || id == sep).count();
            assertEquals(e.hasSecondSegment() ? 3 : 2, specials, "the text itself contains no [CLS]/[SEP]");
        }
        // accounting: every word piece is in an example or dropped by the length cut
        long specials = out.stream().mapToLong(e -> e.hasSecondSegment() ? 3 : 2).sum();
        assertEquals(stats.sentenceTokens(), stats.exampleTokens() - specials + stats.droppedTokens());
    }
}
