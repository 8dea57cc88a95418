package dev.electrabench.tasks.tagging;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.TextLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-2003 column files ({@code eng.train}, {@code train.txt}...): one token per line as
 * {@code token POS chunk NER}, a blank line ends a sentence, a {@code -DOCSTART-} line starts a document
 * (it is not a sentence). NER tags must be O or B-/I- of PER, LOC, ORG, MISC and are converted from IOB1
 * to IOB2.
 */
public final class ConllReader {
    private ConllReader() {}

    /** The file's documents in order. */
    public static List<ConllDocument> readDocuments(Path file, Split split) {
        Builder builder = new Builder(split);
        TextLines.forEach(file, (line, number) -> {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                builder.endSentence();
                return;
            }
            String[] fields = trimmed.split("[ \t]+");
            if (fields[0].equals("-DOCSTART-")) {
                builder.endSentence();
                builder.startDocument();
                return;
            }
            if (fields.length != 4) {
                throw UserException.at(file, number, "expected 4 space-separated columns (token POS chunk NER), found "
                        + fields.length);
            }
            String tag = fields[3];
            if (!IobTags.isIob(tag) || (!tag.equals("O") && !IobTags.CONLL_TYPES.contains(IobTags.type(tag)))) {
                throw UserException.at(file, number, "unknown NER tag '" + tag + "' (expected O or B-/I- of "
                        + String.join(", ", IobTags.CONLL_TYPES) + ")");
            }
            builder.token(fields[0], fields[1], fields[2], tag);
        });
        builder.endSentence();
        return builder.documents();
    }

    /** All sentences of the file in order. */
    public static List<ConllSentence> readSentences(Path file, Split split) {
        List<ConllSentence> sentences = new ArrayList<>();
        for (ConllDocument d : readDocuments(file, split)) {
            sentences.addAll(d.sentences());
        }
        return sentences;
    }

    /** Accumulates tokens into sentences and sentences into documents. */
    private static final class Builder {
        private final Split split;
        private final List<ConllDocument> documents = new ArrayList<>();
        private List<ConllSentence> sentences = null; // null until a document is open
        private final List<String> tokens = new ArrayList<>();
        private final List<String> pos = new ArrayList<>();
        private final List<String> chunks = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private int sentenceCount = 0;

        Builder(Split split) {
            this.split = split;
        }

        void startDocument() {
            closeDocument();
            sentences = new ArrayList<>();
        }

        void token(String token, String posTag, String chunk, String tag) {
            tokens.add(token);
            pos.add(posTag);
            chunks.add(chunk);
            tags.add(tag);
        }

        void endSentence() {
            if (tokens.isEmpty()) {
                return;
            }
            if (sentences == null) {
                sentences = new ArrayList<>(); // text before any -DOCSTART-
            }
            sentences.add(new ConllSentence(split.fileStem() + "-" + sentenceCount++, documents.size(),
                    tokens, pos, chunks, IobTags.toIob2(tags)));
            tokens.clear();
            pos.clear();
            chunks.clear();
            tags.clear();
        }

        private void closeDocument() {
            if (sentences != null) {
                documents.add(new ConllDocument(documents.size(), sentences));
            }
        }

        List<ConllDocument> documents() {
            closeDocument();
            sentences = null;
            return documents;
        }
    }
}
