package dev.electrabench.harness.bench;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.text.Token;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread WordPiece throughput on real English Wikipedia paragraphs (WikiExtractor output under
 * the data dir). One operation tokenizes one paragraph; the "tokens" and "chars" counters are reported
 * as tokens/s and chars/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class TokenizerBenchmark {
    /** How much text to cycle through: a few MB, so the paragraphs do not all sit in cache. */
    @Param("4000000")
    public int corpusChars;

    private WordPieceTokenizer tokenizer;
    private String[] paragraphs;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path data = DataDir.resolve();
        tokenizer = new WordPieceTokenizer(Vocab.load(data.resolve("vocab/bert-base-uncased-vocab.txt")));
        paragraphs = readParagraphs(data.resolve("corpus/enwiki-wikiextractor/AA"), corpusChars);
    }

    /** Text lines of the gzipped WikiExtractor files in name order, without the doc tags, up to maxChars. */
    static String[] readParagraphs(Path dir, int maxChars) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw UserException.in(dir, "corpus directory not found (set --data-dir / " + DataDir.ENV + ")");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
        }
        List<String> out = new ArrayList<>();
        long chars = 0;
        for (Path file : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null && chars < maxChars; ) {
                    if (line.isBlank() || line.startsWith("<doc") || line.startsWith("</doc>")) {
                        continue;
                    }
                    out.add(line);
                    chars += line.length();
                }
            }
            if (chars >= maxChars) {
                break;
            }
        }
        if (out.isEmpty()) {
            throw UserException.in(dir, "no text in the corpus files");
        }
        return out.toArray(new String[0]);
    }

    /** Which paragraph each benchmark thread tokenizes next. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** Work done, reported by JMH as rates: tokens/s and chars/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Throughput {
        public long tokens;
        public long chars;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
            chars = 0;
        }
    }

    private String nextParagraph(Cursor cursor, Throughput counts) {
        String text = paragraphs[cursor.next];
        cursor.next = cursor.next + 1 == paragraphs.length ? 0 : cursor.next + 1;
        counts.chars += text.length();
        return text;
    }

    /** The full API: Token objects with piece strings and spans. */
    @Benchmark
    public List<Token> tokenize(Cursor cursor, Throughput counts) {
        List<Token> tokens = tokenizer.tokenize(nextParagraph(cursor, counts));
        counts.tokens += tokens.size();
        return tokens;
    }

    /** Ids only, as pre-training data preparation uses it. */
    @Benchmark
    public int[] ids(Cursor cursor, Throughput counts) {
        int[] ids = tokenizer.ids(nextParagraph(cursor, counts));
        counts.tokens += ids.length;
        return ids;
    }
}
