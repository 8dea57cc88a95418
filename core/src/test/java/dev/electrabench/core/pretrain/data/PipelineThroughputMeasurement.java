package dev.electrabench.core.pretrain.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.pretrain.RealCorpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: measures tokenization + example building on the real Wikipedia corpus and the cache load
 * time, for the report. Run with
 * {@code mvn -B -q -o -pl core -am test -Dtest=PipelineThroughputMeasurement -Delectrabench.measure.mb=10}
 * (0 = the whole corpus).
 */
@EnabledIfSystemProperty(named = "electrabench.measure.mb", matches = "\\d+")
class PipelineThroughputMeasurement {
    @TempDir
    Path root;

    @Test
    void measure() {
        long megabytes = Long.parseLong(System.getProperty("electrabench.measure.mb"));
        PretrainingDataSpec spec = PretrainingDataSpec.electra(RealCorpus.wikipedia(), 128, 1)
                .withMaxInputBytes(megabytes * 1_000_000);
        ShardCache cache = new ShardCache(root, RealCorpus.tokenizer(), RealCorpus.vocab());
        ShardCache.Opened built = cache.open(spec);
        assertTrue(built.built());
        CorpusStats s = built.buildStats();
        System.out.printf("build: %d files, %.1f MB uncompressed, %d docs, %d sentences, %d word pieces, %d examples "
                        + "(%d tokens, %d pieces dropped by the length cut = %.1f%%) in %.1f s: %.2f MB/s, %.0f examples/s; "
                        + "open incl. write+verify %.1f s%n",
                s.files(), s.inputBytes() / 1e6, s.documents(), s.sentences(), s.sentenceTokens(), s.examples(),
                s.exampleTokens(), s.droppedTokens(), 100.0 * s.droppedTokens() / s.sentenceTokens(), s.seconds(),
                s.megabytesPerSecond(), s.examplesPerSecond(), built.openSeconds());
        ShardCache.Opened reused = new ShardCache(root, RealCorpus.tokenizer(), RealCorpus.vocab()).open(spec);
        assertFalse(reused.built());
        System.out.printf("cache hit: %d examples opened (key + verify) in %.3f s%n",
                reused.examples().size(), reused.openSeconds());
    }
}
