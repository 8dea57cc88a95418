package dev.electrabench.core.pretrain.data;

import java.nio.file.Path;

/** How a corpus file marks sentences and documents; {@link #AUTO} recognises the format per file. */
public enum CorpusFormat {
    /** WikiExtractor if the first non-blank line is {@code <doc ...>}, WikiText if it is {@code = Title =}, else plain text. */
    AUTO,
    WIKIEXTRACTOR,
    WIKITEXT,
    PLAIN_TEXT;

    /** A reader for {@code file} in this format. */
    public CorpusReader open(Path file) {
        CorpusFormat format = this == AUTO ? detect(file) : this;
        LineSource lines = LineSource.open(file);
        return switch (format) {
            case WIKIEXTRACTOR -> new WikiExtractorReader(lines);
            case WIKITEXT -> new WikiTextReader(lines);
            case PLAIN_TEXT, AUTO -> new PlainTextReader(lines);
        };
    }

    /** The format of {@code file}, judged by its first non-blank line. */
    public static CorpusFormat detect(Path file) {
        try (LineSource lines = LineSource.open(file)) {
            String line;
            while ((line = lines.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (WikiExtractorReader.isDocumentStart(text)) {
                    return WIKIEXTRACTOR;
                }
                return WikiTextReader.isArticleTitle(text) ? WIKITEXT : PLAIN_TEXT;
            }
            return PLAIN_TEXT;
        }
    }
}
