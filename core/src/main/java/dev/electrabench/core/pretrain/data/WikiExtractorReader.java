package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.UserException;

/**
 * WikiExtractor output: {@code <doc id=.. url=.. title=..>}, the title line, a blank line, one paragraph
 * per line (section headings are short lines ending in "."), {@code </doc>}.
 *
 * <p>Choices: the title line is dropped — it repeats the {@code title} attribute, is not a sentence, and
 * the first paragraph almost always opens with the title anyway; section headings are kept as short
 * sentences (they are ordinary text of the article). Blank lines inside an article are ignored: only
 * {@code </doc>} ends a document, so the blank line after the title does not split the article.
 */
public final class WikiExtractorReader implements CorpusReader {
    private final LineSource lines;
    private boolean inDocument;

    public WikiExtractorReader(LineSource lines) {
        this.lines = lines;
    }

    /** Whether {@code line} opens a WikiExtractor document (used to recognise the format). */
    public static boolean isDocumentStart(String line) {
        return line.startsWith("<doc ") || line.equals("<doc>");
    }

    @Override
    public String next() {
        while (true) {
            String line = lines.readLine();
            if (line == null) {
                if (inDocument) {
                    throw UserException.at(lines.file(), lines.lineNumber(), "file ends inside a <doc> (missing </doc>)");
                }
                return null;
            }
            String text = line.strip();
            if (isDocumentStart(text)) {
                if (inDocument) {
                    throw UserException.at(lines.file(), lines.lineNumber(), "<doc> before the previous document's </doc>");
                }
                inDocument = true;
                lines.readLine(); // the title line
                continue;
            }
            if (text.equals("</doc>")) {
                if (!inDocument) {
                    throw UserException.at(lines.file(), lines.lineNumber(), "</doc> without a matching <doc>");
                }
                inDocument = false;
                return DOCUMENT_END;
            }
            if (text.isEmpty()) {
                continue;
            }
            if (!inDocument) {
                throw UserException.at(lines.file(), lines.lineNumber(), "text outside <doc> ... </doc>");
            }
            return text;
        }
    }

    @Override
    public long bytesRead() {
        return lines.bytesRead();
    }

    @Override
    public void close() {
        lines.close();
    }
}
