package dev.electrabench.tasks.tagging;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CoNLL-2003 English NER ({@code conll2003}): examples are sentences, predictions their IOB tag
 * sequences, scored with conlleval. Files under {@code <dataDir>/conll2003/}: TRAIN = {@code eng.train}
 * or {@code train.txt}, DEV = {@code eng.testa} or {@code valid.txt}, TEST = {@code eng.testb} or
 * {@code test.txt}.
 */
public final class ConllTask implements Task<ConllSentence, List<String>> {
    private static final Map<Split, List<String>> FILES = Map.of(
            Split.TRAIN, List.of("eng.train", "train.txt"),
            Split.DEV, List.of("eng.testa", "valid.txt"),
            Split.TEST, List.of("eng.testb", "test.txt"));

    @Override
    public String name() {
        return "conll2003";
    }

    /** IOB2 labels in a fixed order, for a tagging head. */
    public List<String> labels() {
        return IobTags.CONLL_LABELS;
    }

    @Override
    public List<ConllSentence> examples(Path dataDir, Split split) {
        return ConllReader.readSentences(locate(dataDir, split), split);
    }

    /** The documents of a split, for models that use document context. */
    public List<ConllDocument> documents(Path dataDir, Split split) {
        return ConllReader.readDocuments(locate(dataDir, split), split);
    }

    public Path locate(Path dataDir, Split split) {
        List<Path> tried = new ArrayList<>();
        for (String name : FILES.get(split)) {
            Path candidate = dataDir.resolve("conll2003").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(dataDir.relativize(candidate));
        }
        throw UserException.in(dataDir, "no CoNLL-2003 " + split.fileStem() + " file (looked for " + tried + ")");
    }

    @Override
    public EntityScorer scorer() {
        return new EntityScorer();
    }

    @Override
    public String toString() {
        return "ConllTask(conll2003)";
    }
}
