package dev.electrabench.tasks;

/**
 * One input of a task (a GLUE sentence pair, a SQuAD question, a CoNLL sentence). Predictions are keyed
 * by {@link #id()}, which is unique within one split of one task.
 */
public interface Example {
    String id();
}
