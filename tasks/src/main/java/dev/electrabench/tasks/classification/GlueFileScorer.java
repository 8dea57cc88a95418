package dev.electrabench.tasks.classification;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Scorer;
import dev.electrabench.tasks.Split;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a GLUE submission-format prediction file ({@code index<TAB>prediction}) against the split's labeled
 * TSV with the task's official metrics, plus how many rows had no prediction ({@code electra-bench score}).
 */
public final class GlueFileScorer {
    private GlueFileScorer() {}

    /** Metric → value, then {@code missing} and {@code total} rows. */
    public static Map<String, Double> score(GlueTask task, Path data, Path predictions) {
        List<GlueExample> examples = task.read(data, Split.DEV);
        if (examples.isEmpty()) {
            throw UserException.in(data, "no rows to score");
        }
        Map<String, String> predicted = GluePredictionFile.read(predictions, task, examples);
        int missing = Scorer.missing(examples, predicted);
        if (missing == examples.size()) {
            // scoring nothing would report 0.0 as if it were a result
            throw UserException.in(predictions, "no prediction matches a row of " + data + " (" + missing + " of "
                    + examples.size() + " rows missing); wrong file or task?");
        }
        if (task.isRegression() && missing > 0) {
            throw UserException.in(predictions, missing + " of " + examples.size()
                    + " rows have no prediction; Pearson/Spearman need a prediction for every row");
        }
        Map<String, Double> result = new LinkedHashMap<>(task.scorer().score(examples, predicted));
        result.put("missing", (double) missing);
        result.put("total", (double) examples.size());
        return result;
    }
}
