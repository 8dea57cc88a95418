package dev.electrabench.tasks.finetune;

import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.features.SquadFeaturizer;
import dev.electrabench.tasks.qa.SquadDevSplitTask;
import dev.electrabench.tasks.qa.SquadTask;
import dev.electrabench.tasks.qa.SquadVersion;
import dev.electrabench.tasks.tagging.ConllTask;

/** The adapter of each registered task family. */
final class TaskAdapters {
    private TaskAdapters() {}

    /** Whether {@code task} is extractive QA (its default max_seq_length is 384, not the config's). */
    static boolean isQuestionAnswering(Task<?, ?> task) {
        return task instanceof SquadTask || task instanceof SquadDevSplitTask;
    }

    /** max_seq_length for {@code task}: an explicit override, else 384 for SQuAD and the config's value otherwise. */
    static int maxSeqLength(Task<?, ?> task, int override, int configured) {
        if (override > 0) {
            return override;
        }
        return isQuestionAnswering(task) ? SquadFeaturizer.DEFAULT_MAX_SEQ_LENGTH : configured;
    }

    static TaskAdapter<?, ?, ?> forTask(Task<?, ?> task, WordPieceTokenizer tokenizer, int maxSeqLength) {
        if (task instanceof GlueTask t) {
            return new GlueAdapter(t, tokenizer, maxSeqLength);
        }
        if (task instanceof SquadTask t) {
            return new SquadAdapter(t, t.version(), tokenizer, maxSeqLength);
        }
        if (task instanceof SquadDevSplitTask t) {
            return new SquadAdapter(t, SquadVersion.V1_1, tokenizer, maxSeqLength);
        }
        if (task instanceof ConllTask t) {
            return new ConllAdapter(t, tokenizer, maxSeqLength);
        }
        throw new IllegalArgumentException("no fine-tuning adapter for " + task);
    }
}
