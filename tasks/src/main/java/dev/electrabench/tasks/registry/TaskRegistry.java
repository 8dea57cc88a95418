package dev.electrabench.tasks.registry;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.classification.GlueTasks;
import dev.electrabench.tasks.qa.SquadDevSplitTask;
import dev.electrabench.tasks.qa.SquadTask;
import dev.electrabench.tasks.qa.SquadVersion;
import dev.electrabench.tasks.tagging.ConllTask;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Task names → tasks (ELECTRA's {@code task_builder.py}): {@code cola sst2 mrpc stsb qqp mnli-m mnli-mm
 * qnli rte wnli ax}, {@code squad1.1 squad2.0 squad1.1-devsplit}, {@code conll2003}. The table every other
 * module reads for a task's facts: its files, its paper and leaderboard metrics, the GLUE-score tasks.
 */
public final class TaskRegistry {
    private TaskRegistry() {}

    private static final Map<String, Task<?, ?>> TASKS = build();

    private static Map<String, Task<?, ?>> build() {
        Map<String, Task<?, ?>> tasks = new LinkedHashMap<>();
        for (GlueTask t : GlueTasks.ALL) {
            tasks.put(t.name(), t);
        }
        for (Task<?, ?> t : List.of(new SquadTask(SquadVersion.V1_1), new SquadTask(SquadVersion.V2_0),
                new SquadDevSplitTask(), new ConllTask())) {
            tasks.put(t.name(), t);
        }
        return Collections.unmodifiableMap(tasks);
    }

    /** All task names, in display order: GLUE in GLUE's order, then SQuAD, then CoNLL. */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /** The task called {@code name}, if there is one. */
    public static Optional<Task<?, ?>> find(String name) {
        return Optional.ofNullable(TASKS.get(name));
    }

    /** The names of the ELECTRA paper's GLUE-score tasks ({@link GlueTasks#SCORE_TASKS}). */
    public static List<String> glueScoreTasks() {
        return GlueTasks.SCORE_TASKS.stream().map(GlueTask::name).toList();
    }

    /** The task called {@code name}; an unknown name is a {@link UserException} listing the known ones. */
    public static Task<?, ?> get(String name) {
        Task<?, ?> task = TASKS.get(name);
        if (task == null) {
            throw new UserException("unknown task '" + name + "' (known: " + String.join(", ", TASKS.keySet()) + ")");
        }
        return task;
    }
}
