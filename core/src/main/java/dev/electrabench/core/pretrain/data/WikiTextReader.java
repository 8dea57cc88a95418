package dev.electrabench.core.pretrain.data;

import java.util.regex.Pattern;

/**
 * WikiText (Merity et al.) {@code .tokens} files: blank lines around everything, article titles as
 * {@code " = Title = "}, section headings as {@code " = = Section = = "}, one paragraph per line, already
 * word-tokenized with {@code @-@ @,@ @.@} joiners and {@code <unk>} for rare words.
 *
 * <p>Blank lines separate every paragraph here, so they cannot mark documents: an article title is the
 * document boundary and blank lines are ignored. Headings are dropped (not sentences). The joiners are
 * undone ("1 @,@ 000" → "1,000") and {@code <unk>} becomes {@code [UNK]}, which the BERT tokenizer keeps
 * as the unknown-token id instead of splitting "<unk>" into four word pieces.
 */
public final class WikiTextReader implements CorpusReader {
    private static final Pattern ARTICLE_TITLE = Pattern.compile("= [^=].*[^=] =|= [^=] =");
    private static final Pattern JOINER = Pattern.compile(" @([-,.])@( |$)");

    private final LineSource lines;
    private boolean documentHasText;

    public WikiTextReader(LineSource lines) {
        this.lines = lines;
    }

    /** Whether the trimmed {@code line} is a level-1 heading {@code "= Title ="} (an article start). */
    public static boolean isArticleTitle(String line) {
        return ARTICLE_TITLE.matcher(line).matches();
    }

    @Override
    public String next() {
        while (true) {
            String line = lines.readLine();
            if (line == null) {
                return null;
            }
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("=") && text.endsWith("=")) {
                if (isArticleTitle(text) && documentHasText) {
                    documentHasText = false;
                    return DOCUMENT_END;
                }
                continue; // a heading: not a sentence
            }
            documentHasText = true;
            return JOINER.matcher(text).replaceAll("$1").replace("<unk>", "[UNK]");
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
