package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.text.Tokenizer;
import dev.electrabench.core.text.Vocab;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams a corpus through a {@link CorpusReader}, the tokenizer and an {@link ExampleBuilder}: files in
 * order, each file's end is a document boundary (as ELECTRA's writer adds a blank line after each file).
 * Nothing but the current document is held in memory.
 *
 * <p>Caps for tests and tiny runs: stop after {@code maxExamples} examples, or once {@code maxInputBytes}
 * uncompressed bytes have been read (the current document is then finished into a last example). A cap
 * ≤ 0 means unlimited.
 */
public final class CorpusExamples {
    private final List<Path> files;
    private final CorpusFormat format;
    private final Tokenizer tokenizer;
    private final Vocab vocab;
    private final ExampleBuilderConfig config;
    private final long seed;
    private final long maxExamples;
    private final long maxInputBytes;

    public CorpusExamples(List<Path> files, CorpusFormat format, Tokenizer tokenizer, Vocab vocab,
                          ExampleBuilderConfig config, long seed, long maxExamples, long maxInputBytes) {
        this.files = List.copyOf(files);
        this.format = format;
        this.tokenizer = tokenizer;
        this.vocab = vocab;
        this.config = config;
        this.seed = seed;
        this.maxExamples = maxExamples;
        this.maxInputBytes = maxInputBytes;
    }

    /** Builds every example in order, handing each to {@code sink}; returns what was read and built. */
    public CorpusStats forEach(Consumer<PretrainingExample> sink) {
        long start = System.nanoTime();
        ExampleBuilder builder = new ExampleBuilder(config, vocab.clsId(), vocab.sepId(), seed);
        Counter count = new Counter(sink);
        int filesOpened = 0;
        long bytesOfClosedFiles = 0;
        for (Path file : files) {
            if (count.full() || over(bytesOfClosedFiles)) {
                break;
            }
            filesOpened++;
            try (CorpusReader reader = format.open(file)) {
                String sentence;
                while (!count.full() && (sentence = reader.next()) != null) {
                    if (sentence.equals(CorpusReader.DOCUMENT_END)) {
                        count.endDocument(builder.endDocument());
                    } else {
                        int[] ids = tokenizer.ids(sentence);
                        count.sentence(ids.length);
                        count.accept(builder.addSentence(ids));
                    }
                    if (over(bytesOfClosedFiles + reader.bytesRead())) {
                        break;
                    }
                }
                if (!count.full()) {
                    count.endDocument(builder.endDocument());
                }
                bytesOfClosedFiles += reader.bytesRead();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new CorpusStats(filesOpened, count.documents, count.sentences, bytesOfClosedFiles, count.sentenceTokens,
                count.examples, count.exampleTokens, builder.droppedTokens(), seconds);
    }

    private boolean over(long bytes) {
        return maxInputBytes > 0 && bytes >= maxInputBytes;
    }

    /** Counts what passes by and enforces maxExamples. */
    private final class Counter {
        final Consumer<PretrainingExample> sink;
        long documents;
        long sentences;
        long sentenceTokens;
        long examples;
        long exampleTokens;
        boolean documentHasText;

        Counter(Consumer<PretrainingExample> sink) {
            this.sink = sink;
        }

        boolean full() {
            return maxExamples > 0 && examples >= maxExamples;
        }

        void sentence(int tokens) {
            sentences++;
            sentenceTokens += tokens;
            documentHasText = true;
        }

        void endDocument(PretrainingExample last) {
            if (documentHasText) {
                documents++;
                documentHasText = false;
            }
            accept(last);
        }

        void accept(PretrainingExample example) {
            if (example != null && !full()) {
                examples++;
                exampleTokens += example.length();
                sink.accept(example);
            }
        }
    }
}
