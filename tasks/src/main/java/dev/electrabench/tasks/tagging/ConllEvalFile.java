package dev.electrabench.tasks.tagging;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.tasks.TextLines;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * conlleval's input format: one token per line, fields separated by spaces, the last two fields being
 * the gold and the predicted tag ({@code token ... gold predicted}); a blank line (or a line whose first
 * field is conlleval's boundary marker {@code -X-}) separates sentences. As in conlleval, every token line
 * must have the same number of fields, and a {@code -DOCSTART-} line is an ordinary token.
 */
public final class ConllEvalFile {
    private ConllEvalFile() {}

    private static final String BOUNDARY = "-X-";

    /**
     * Writes {@code token POS chunk gold predicted} lines, a blank line after each sentence, atomically.
     * Gold is the sentences' IOB2 tags (conlleval finds the same chunks in IOB1 and IOB2).
     */
    public static void write(Path file, List<ConllSentence> sentences, List<List<String>> predicted) {
        if (sentences.size() != predicted.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + predicted.size() + " predictions");
        }
        for (int s = 0; s < sentences.size(); s++) {
            if (predicted.get(s).size() != sentences.get(s).size()) {
                throw new IllegalArgumentException(sentences.get(s).id() + ": " + sentences.get(s).size()
                        + " tokens but " + predicted.get(s).size() + " predicted tags");
            }
            for (String tag : predicted.get(s)) {
                if (!IobTags.isIob(tag)) {
                    throw new IllegalArgumentException(sentences.get(s).id() + ": not an IOB tag: '" + tag + "'");
                }
            }
        }
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (int s = 0; s < sentences.size(); s++) {
                ConllSentence sentence = sentences.get(s);
                for (int t = 0; t < sentence.size(); t++) {
                    w.write(String.join(" ", sentence.tokens().get(t), sentence.pos().get(t), sentence.chunks().get(t),
                            sentence.tags().get(t), predicted.get(s).get(t)));
                    w.write('\n');
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    /** Reads a conlleval file; malformed lines are a {@link UserException} naming file and line. */
    public static List<TaggedSentence> read(Path file) {
        List<TaggedSentence> sentences = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        long[] firstLine = {0};
        int[] fieldCount = {-1};
        long[] fieldCountLine = {0};
        Runnable endSentence = () -> {
            if (!tokens.isEmpty()) {
                sentences.add(new TaggedSentence(firstLine[0], tokens, gold, predicted));
                tokens.clear();
                gold.clear();
                predicted.clear();
            }
        };
        TextLines.forEach(file, (line, number) -> {
            String trimmed = line.strip();
            String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
            if (fields.length == 0 || fields[0].equals(BOUNDARY)) {
                endSentence.run();
                return;
            }
            if (fields.length < 3) {
                throw UserException.at(file, number, "expected 'token ... gold predicted' (at least 3 fields), found "
                        + fields.length);
            }
            if (fieldCount[0] < 0) {
                fieldCount[0] = fields.length;
                fieldCountLine[0] = number;
            } else if (fields.length != fieldCount[0]) {
                throw UserException.at(file, number, "expected " + fieldCount[0] + " fields as on line "
                        + fieldCountLine[0] + ", found " + fields.length);
            }
            String goldTag = fields[fields.length - 2];
            String predictedTag = fields[fields.length - 1];
            for (String tag : new String[] {goldTag, predictedTag}) {
                if (!IobTags.isIob(tag)) {
                    throw UserException.at(file, number, "tag '" + tag + "' is not O, B-TYPE or I-TYPE");
                }
            }
            if (tokens.isEmpty()) {
                firstLine[0] = number;
            }
            tokens.add(fields[0]);
            gold.add(goldTag);
            predicted.add(predictedTag);
        });
        endSentence.run();
        if (sentences.isEmpty()) {
            throw UserException.in(file, "no tagged tokens");
        }
        return sentences;
    }

    /** conlleval over a file's sentences. */
    public static EntityScores evaluate(List<TaggedSentence> sentences) {
        return ConllEval.evaluate(sentences.stream().map(TaggedSentence::gold).toList(),
                sentences.stream().map(TaggedSentence::predicted).toList());
    }
}
