package dev.electrabench.tasks;

import java.nio.file.Path;
import java.util.List;

/**
 * A supervised fine-tuning task (ELECTRA's {@code finetune/task.py}): it yields examples per split and
 * owns its scorer. Featurization ({@code featurize(Tokenizer, maxSeqLength)}) and the prediction head
 * are deliberately not here: they belong to the fine-tuning code, which extends a family's task with
 * them while the examples and scorers stay usable on their own (e.g. by {@code electra-bench score}).
 *
 * @param <E> example type
 * @param <P> prediction type accepted by the scorer
 */
public interface Task<E extends Example, P> {

    /** The registry / command-line name, e.g. {@code cola}, {@code squad2.0}, {@code conll2003}. */
    String name();

    /**
     * The examples of {@code split}, read from the task's files under {@code dataDir}.
     *
     * @throws dev.electrabench.core.UserException if the file is missing or malformed, or the task has
     *     no such split
     */
    List<E> examples(Path dataDir, Split split);

    Scorer<E, P> scorer();

    /** The metric the ELECTRA paper reports for this task (a key of the scorer's result). */
    default String primaryMetric() {
        return scorer().primaryMetric();
    }

    /** Every metric the ELECTRA paper reports for this task, headline first (SQuAD: F1 and EM). */
    default List<String> paperMetrics() {
        return List.of(primaryMetric());
    }

    /**
     * The GLUE leaderboard's metrics for this task (MRPC/QQP F1 and accuracy, STS-B Pearson and Spearman);
     * empty outside GLUE.
     */
    default List<String> leaderboardMetrics() {
        return List.of();
    }
}
