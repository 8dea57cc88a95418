package dev.electrabench.tasks.qa;

import java.util.List;

/**
 * A SQuAD JSON file: its {@code version} string, article titles in file order and all questions in file
 * order.
 */
public record SquadDataset(String version, List<String> titles, List<SquadExample> examples) {
    public SquadDataset {
        titles = List.copyOf(titles);
        examples = List.copyOf(examples);
    }
}
