package dev.electrabench.tasks.qa;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code squad1.1-devsplit}: SQuAD v1.1 fine-tuning when only {@code dev-v1.1.json} is available. The dev
 * file's 48 articles are split by position in the file: articles 0..35 ({@value #FIRST_EVAL_ARTICLE} articles,
 * 8,123 questions in the official file, "Super_Bowl_50" .. "University_of_Chicago") are TRAIN, articles
 * 36..47 (12 articles, 2,447 questions, "Yuan_dynasty" .. "Force") are DEV. Whole articles go to one side so
 * that no paragraph or topic is shared between training and evaluation. There is no TEST split.
 * Scoring uses the v1.1 evaluation.
 */
public final class SquadDevSplitTask implements Task<SquadExample, String> {
    /** Index (in file order) of the first article that belongs to the evaluation side. */
    public static final int FIRST_EVAL_ARTICLE = 36;

    private final SquadTask source = new SquadTask(SquadVersion.V1_1);

    @Override
    public String name() {
        return "squad1.1-devsplit";
    }

    @Override
    public List<SquadExample> examples(Path dataDir, Split split) {
        return select(SquadReader.read(source.locate(dataDir, Split.DEV)).examples(), split);
    }

    /** The questions of dev-v1.1.json that belong to {@code split} (TRAIN or DEV) of this task. */
    public static List<SquadExample> select(List<SquadExample> devV11, Split split) {
        if (split == Split.TEST) {
            throw new UserException("squad1.1-devsplit has no test split");
        }
        return devV11.stream()
                .filter(e -> (e.articleIndex() < FIRST_EVAL_ARTICLE) == (split == Split.TRAIN))
                .toList();
    }

    /** F1 and exact match, as the paper's SQuAD tables. */
    @Override
    public List<String> paperMetrics() {
        return List.of("f1", "exact_match");
    }

    @Override
    public SquadScorer scorer() {
        return new SquadScorer(SquadVersion.V1_1);
    }
}
