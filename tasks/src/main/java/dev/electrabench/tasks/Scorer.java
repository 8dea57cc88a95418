package dev.electrabench.tasks;

import java.util.List;
import java.util.Map;

/**
 * Turns predictions into a task's metrics, like ELECTRA's {@code finetune/scorer.py}, but over finished
 * predictions rather than model outputs so that it works on prediction files without a model.
 *
 * @param <E> the task's example type
 * @param <P> one prediction (a label, an answer string, a tag sequence)
 */
public interface Scorer<E extends Example, P> {

    /**
     * Metric name to value. Percent-style metrics are ×100 as in the papers. {@code predictions} is keyed
     * by {@link Example#id()}; an example without a prediction counts as wrong, as the official scripts do.
     */
    Map<String, Double> score(List<E> examples, Map<String, P> predictions);

    /** The key of {@link #score}'s map that the ELECTRA paper reports for this task. */
    String primaryMetric();

    /** How many examples have no prediction. */
    static int missing(List<? extends Example> examples, Map<String, ?> predictions) {
        int missing = 0;
        for (Example e : examples) {
            if (!predictions.containsKey(e.id())) {
                missing++;
            }
        }
        return missing;
    }
}
