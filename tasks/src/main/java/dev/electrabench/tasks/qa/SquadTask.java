package dev.electrabench.tasks.qa;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SQuAD v1.1 ({@code squad1.1}) or v2.0 ({@code squad2.0}) with the official files: TRAIN =
 * {@code train-v<N>.json}, DEV = {@code dev-v<N>.json}, looked up under {@code <dataDir>/squad/v<N>/}
 * then {@code <dataDir>/squad/}. There is no public test set.
 */
public final class SquadTask implements Task<SquadExample, String> {
    private final SquadVersion version;

    public SquadTask(SquadVersion version) {
        this.version = version;
    }

    public SquadVersion version() {
        return version;
    }

    @Override
    public String name() {
        return "squad" + version.number();
    }

    @Override
    public List<SquadExample> examples(Path dataDir, Split split) {
        return SquadReader.read(locate(dataDir, split)).examples();
    }

    /** The split's JSON file. */
    public Path locate(Path dataDir, Split split) {
        if (split == Split.TEST) {
            throw new UserException(name() + " has no test split (SQuAD's test set is hidden)");
        }
        String file = split.fileStem() + "-v" + version.number() + ".json";
        List<Path> candidates = new ArrayList<>();
        candidates.add(dataDir.resolve("squad").resolve("v" + version.number()).resolve(file));
        candidates.add(dataDir.resolve("squad").resolve(file));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw UserException.in(dataDir, "no " + name() + " " + split.fileStem() + " file (looked for "
                + candidates.stream().map(dataDir::relativize).toList() + ")");
    }

    /** F1 and exact match, as the paper's SQuAD tables. */
    @Override
    public List<String> paperMetrics() {
        return List.of("f1", "exact_match");
    }

    @Override
    public SquadScorer scorer() {
        return new SquadScorer(version);
    }

    @Override
    public String toString() {
        return "SquadTask(" + name() + ")";
    }
}
