package dev.electrabench.core.pretrain.data;

import java.io.Closeable;

/**
 * One corpus file as ELECTRA's builder sees text: a stream of "sentences" (lines; for Wikipedia these are
 * paragraphs, as in ELECTRA's own OpenWebText run) with document boundaries between them. Each format
 * (WikiExtractor, WikiText, plain text) translates its own markup into this stream.
 */
public interface CorpusReader extends Closeable {
    /** Returned by {@link #next()} where a document ends. */
    String DOCUMENT_END = "";

    /** The next non-blank sentence, {@link #DOCUMENT_END} at a document boundary, or null at the end of the file. */
    String next();

    /** Uncompressed bytes of the lines read so far (see {@link LineSource#bytesRead()}). */
    long bytesRead();

    @Override
    void close();
}
