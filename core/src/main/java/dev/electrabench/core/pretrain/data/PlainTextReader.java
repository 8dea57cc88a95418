package dev.electrabench.core.pretrain.data;

/**
 * Plain text in ELECTRA's input convention: one sentence (or paragraph) per line, a blank line ends a
 * document. Lines are trimmed; runs of blank lines are one boundary.
 */
public final class PlainTextReader implements CorpusReader {
    private final LineSource lines;

    public PlainTextReader(LineSource lines) {
        this.lines = lines;
    }

    @Override
    public String next() {
        String line = lines.readLine();
        if (line == null) {
            return null;
        }
        String text = line.strip();
        return text.isEmpty() ? DOCUMENT_END : text;
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
