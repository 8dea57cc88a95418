package dev.electrabench.tasks.classification;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.tasks.TextLines;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GLUE prediction files in the leaderboard's submission format: header {@code index<TAB>prediction}, then
 * one row per example, {@code index} being the 0-based data row of the split (header excluded) and
 * {@code prediction} a label string of the task ({@code entailment}, {@code 0}...) or, for STS-B, a number.
 */
public final class GluePredictionFile {
    public static final String HEADER = "index\tprediction";

    private GluePredictionFile() {}

    /**
     * Reads predictions for {@code examples} (the split they predict), keyed by {@link GlueExample#guid()}.
     * Rows may be in any order and may be missing; a malformed header or row, an index outside the split,
     * a repeated index or an invalid label is a {@link UserException} naming file and line.
     */
    public static Map<String, String> read(Path file, GlueTask task, List<GlueExample> examples) {
        Map<String, String> predictions = new HashMap<>();
        Map<Integer, Long> lineOfIndex = new HashMap<>();
        boolean[] sawHeader = {false};
        TextLines.forEach(file, (line, number) -> {
            if (number == 1) {
                if (!line.equals(HEADER)) {
                    throw UserException.at(file, number, "expected header 'index<TAB>prediction', found '" + line + "'");
                }
                sawHeader[0] = true;
                return;
            }
            String[] row = line.split("\t", -1);
            if (row.length != 2) {
                throw UserException.at(file, number, "expected 2 tab-separated columns (index, prediction), found " + row.length);
            }
            int index;
            try {
                index = Integer.parseInt(row[0]);
            } catch (NumberFormatException e) {
                throw UserException.at(file, number, "index '" + row[0] + "' is not an integer");
            }
            if (index < 0 || index >= examples.size()) {
                throw UserException.at(file, number, "index " + index + " is outside the split's "
                        + examples.size() + " rows");
            }
            Long previous = lineOfIndex.putIfAbsent(index, number);
            if (previous != null) {
                throw UserException.at(file, number, "index " + index + " already predicted on line " + previous);
            }
            if (!task.isValidPrediction(row[1])) {
                throw UserException.at(file, number, "prediction '" + row[1] + "' is not "
                        + (task.isRegression() ? "a number" : "one of " + String.join(", ", task.labels())));
            }
            predictions.put(examples.get(index).guid(), row[1]);
        });
        if (!sawHeader[0]) {
            throw UserException.in(file, "empty file (expected header 'index<TAB>prediction')");
        }
        return predictions;
    }

    /**
     * Writes {@code <dir>/<GLUE name>.tsv} (e.g. {@code MNLI-mm.tsv}) atomically with a prediction for
     * every example, in example order. The GLUE server rejects incomplete files, so a missing or invalid
     * prediction is an error.
     *
     * @return the written file
     */
    public static Path writeSubmission(Path dir, GlueTask task, List<GlueExample> examples, Map<String, String> predictions) {
        Path file = dir.resolve(task.submissionFileName());
        write(file, task, examples, predictions);
        return file;
    }

    /** Writes {@code file} in the submission format; see {@link #writeSubmission}. */
    public static void write(Path file, GlueTask task, List<GlueExample> examples, Map<String, String> predictions) {
        for (GlueExample e : examples) {
            String p = predictions.get(e.guid());
            if (p == null) {
                throw new IllegalArgumentException(task.name() + ": no prediction for " + e.guid());
            }
            if (!task.isValidPrediction(p)) {
                throw new IllegalArgumentException(task.name() + ": invalid prediction '" + p + "' for " + e.guid());
            }
        }
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(HEADER);
            w.write('\n');
            for (GlueExample e : examples) {
                w.write(e.index() + "\t" + predictions.get(e.guid()) + "\n");
            }
            w.flush();
        });
    }
}
