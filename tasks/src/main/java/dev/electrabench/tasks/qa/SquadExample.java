package dev.electrabench.tasks.qa;

import dev.electrabench.tasks.Example;
import java.util.List;

/**
 * One SQuAD question with its paragraph.
 *
 * @param id the question id ({@code qas[].id}), the key of prediction files
 * @param title the article title
 * @param articleIndex 0-based position of the article in the file's {@code data} array
 * @param context the paragraph text
 * @param question the question text
 * @param answers gold answers (empty for SQuAD 2.0 unanswerable questions)
 * @param impossible SQuAD 2.0's {@code is_impossible} flag (false in v1.1)
 */
public record SquadExample(
        String id,
        String title,
        int articleIndex,
        String context,
        String question,
        List<SquadAnswer> answers,
        boolean impossible)
        implements Example {

    public SquadExample {
        answers = List.copyOf(answers);
    }

    /** As the official v2.0 script: a question is answerable when it has gold answers. */
    public boolean hasAnswer() {
        return !answers.isEmpty();
    }
}
