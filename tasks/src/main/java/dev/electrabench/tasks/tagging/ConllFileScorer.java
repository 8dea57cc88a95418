package dev.electrabench.tasks.tagging;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a conlleval file ({@code token ... gold predicted}) with conlleval's entity metrics
 * ({@code electra-bench score}); with the CoNLL column file given, first checks that the prediction file
 * holds its sentences in order, with the same tokens and gold entities.
 */
public final class ConllFileScorer {
    private ConllFileScorer() {}

    /** @param data the gold column file to check against, or null */
    public static EntityScores score(Path predictions, Path data) {
        List<TaggedSentence> tagged = ConllEvalFile.read(predictions);
        if (data != null) {
            checkAgainstData(tagged, ConllReader.readSentences(data, Split.DEV), predictions, data);
        }
        return ConllEvalFile.evaluate(tagged);
    }

    private static void checkAgainstData(List<TaggedSentence> tagged, List<ConllSentence> gold, Path predictions, Path data) {
        List<TaggedSentence> sentences = new ArrayList<>();
        for (TaggedSentence s : tagged) {
            // conlleval files often keep -DOCSTART- lines as one-token "sentences"; the reader drops them
            if (!(s.tokens().size() == 1 && s.tokens().get(0).equals("-DOCSTART-"))) {
                sentences.add(s);
            }
        }
        if (sentences.size() != gold.size()) {
            throw UserException.in(predictions, sentences.size() + " sentences, but " + data + " has " + gold.size());
        }
        for (int i = 0; i < gold.size(); i++) {
            TaggedSentence p = sentences.get(i);
            ConllSentence g = gold.get(i);
            if (!p.tokens().equals(g.tokens())) {
                throw UserException.at(predictions, p.line(), "sentence " + (i + 1) + " has tokens " + p.tokens()
                        + " but " + data + " has " + g.tokens());
            }
            if (!IobTags.toIob2(p.gold()).equals(g.tags())) {
                throw UserException.at(predictions, p.line(), "sentence " + (i + 1) + "'s gold tags differ from " + data);
            }
        }
    }
}
