package dev.electrabench.tasks.classification;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.TextLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One GLUE task: where its files are, their column layout, its label set and its metrics. The eleven
 * instances are in {@link GlueTasks}. Predictions are label strings as in the files ({@code 0}/{@code 1},
 * {@code entailment}...) or, for STS-B, a decimal number.
 */
public final class GlueTask implements Task<GlueExample, String> {
    private final String name;
    private final String glueName;
    private final List<String> dirs;
    private final Map<Split, List<String>> files;
    private final Map<Split, TsvLayout> layouts;
    private final List<String> labels;
    private final String positiveLabel;
    private final List<String> metrics;
    private final String primaryMetric;
    private final List<String> leaderboardMetrics;

    /**
     * @param name registry name ({@code mnli-m})
     * @param glueName GLUE's name, also the submission file stem ({@code MNLI-m})
     * @param dirs directory names to look in under {@code glue/} and {@code glue_data/}
     * @param files candidate file names per split (splits absent here do not exist for the task)
     * @param layouts column layout per split
     * @param labels class labels; empty for regression (STS-B)
     * @param positiveLabel the positive class of binary F1, or null if F1 is not reported
     * @param metrics the metrics the scorer computes (paper and leaderboard conventions together)
     * @param primaryMetric the ELECTRA-paper metric
     * @param leaderboardMetrics the GLUE leaderboard metrics, averaged into the task's leaderboard score
     */
    GlueTask(
            String name,
            String glueName,
            List<String> dirs,
            Map<Split, List<String>> files,
            Map<Split, TsvLayout> layouts,
            List<String> labels,
            String positiveLabel,
            List<String> metrics,
            String primaryMetric,
            List<String> leaderboardMetrics) {
        this.name = name;
        this.glueName = glueName;
        this.dirs = List.copyOf(dirs);
        this.files = new EnumMap<>(files);
        this.layouts = new EnumMap<>(layouts);
        this.labels = List.copyOf(labels);
        this.positiveLabel = positiveLabel;
        this.metrics = List.copyOf(metrics);
        this.primaryMetric = primaryMetric;
        this.leaderboardMetrics = List.copyOf(leaderboardMetrics);
        if (!metrics.contains(primaryMetric) || !metrics.containsAll(leaderboardMetrics)) {
            throw new IllegalArgumentException(name + ": reported metrics must be computed");
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** GLUE's spelling of the task ({@code CoLA}, {@code MNLI-mm}, {@code AX}). */
    public String glueName() {
        return glueName;
    }

    /** Class labels in a fixed order (the classifier's output order); empty for STS-B. */
    public List<String> labels() {
        return labels;
    }

    public boolean isRegression() {
        return labels.isEmpty();
    }

    /** Positive class for binary F1 (MRPC, QQP), or null. */
    public String positiveLabel() {
        return positiveLabel;
    }

    /** Metrics the scorer reports, e.g. {@code [accuracy, f1]} for MRPC. */
    public List<String> metrics() {
        return metrics;
    }

    /** GLUE leaderboard metrics (MRPC/QQP F1 and accuracy, STS-B Pearson and Spearman, AX MCC). */
    @Override
    public List<String> leaderboardMetrics() {
        return leaderboardMetrics;
    }

    @Override
    public String primaryMetric() {
        return primaryMetric;
    }

    /** Whether {@code prediction} is a label of the task, or for STS-B a finite decimal number. */
    public boolean isValidPrediction(String prediction) {
        if (!isRegression()) {
            return labels.contains(prediction);
        }
        try {
            return Double.isFinite(Double.parseDouble(prediction));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Where {@code fileName} of {@code split} goes under a data dir ({@code glue/<dir>/<file>}), for the
     * dataset catalog; throws if this task would not read a file of that name.
     */
    public String dataPath(Split split, String fileName) {
        if (!fileNames(split).contains(fileName)) {
            throw new IllegalArgumentException(name + " does not read " + fileName + " as " + split.fileStem()
                    + " (it reads " + fileNames(split) + ")");
        }
        return "glue/" + dirs.get(0) + "/" + fileName;
    }

    /** Whether {@code split}'s files start with a header line. */
    public boolean hasHeader(Split split) {
        fileNames(split);
        return layouts.get(split).header();
    }

    /** Splits with files (AX has dev and test only). */
    public boolean hasSplit(Split split) {
        return files.containsKey(split);
    }

    /** File name expected by the GLUE server, e.g. {@code MNLI-mm.tsv}. */
    public String submissionFileName() {
        return glueName + ".tsv";
    }

    @Override
    public GlueScorer scorer() {
        return new GlueScorer(this);
    }

    @Override
    public List<GlueExample> examples(Path dataDir, Split split) {
        return read(locate(dataDir, split), split);
    }

    /** The split's file: the first existing of {@code glue/<dir>/<file>} and {@code glue_data/<dir>/<file>}. */
    public Path locate(Path dataDir, Split split) {
        List<Path> tried = new ArrayList<>();
        for (String root : List.of("glue", "glue_data")) {
            for (String dir : dirs) {
                for (String file : fileNames(split)) {
                    Path candidate = dataDir.resolve(root).resolve(dir).resolve(file);
                    if (Files.isRegularFile(candidate)) {
                        return candidate;
                    }
                    tried.add(dataDir.relativize(candidate));
                }
            }
        }
        throw UserException.in(dataDir, "no " + glueName + " " + split.fileStem() + " file (looked for " + tried + ")");
    }

    private List<String> fileNames(Split split) {
        List<String> names = files.get(split);
        if (names == null) {
            throw new UserException("GLUE task " + name + " has no " + split.fileStem() + " split");
        }
        return names;
    }

    /**
     * Reads {@code file} with {@code split}'s layout. Train and dev share a layout, so any labeled file of
     * the task can be read as DEV.
     */
    public List<GlueExample> read(Path file, Split split) {
        fileNames(split);
        TsvLayout layout = layouts.get(split);
        List<GlueExample> examples = new ArrayList<>();
        TextLines.forEach(file, (line, number) -> {
            if (number == 1 && layout.header()) {
                return;
            }
            String[] row = line.split("\t", -1);
            if (row.length < layout.minColumns()) {
                throw UserException.at(file, number, "expected at least " + layout.minColumns()
                        + " tab-separated columns for " + glueName + " " + split.fileStem() + ", found " + row.length);
            }
            int index = examples.size();
            String textA = TsvLayout.field(row, layout.textA());
            String textB = layout.textB() == TsvLayout.NONE ? null : TsvLayout.field(row, layout.textB());
            String label = null;
            Double score = null;
            if (layout.label() != TsvLayout.NONE) {
                String gold = TsvLayout.field(row, layout.label());
                if (isRegression()) {
                    score = parseScore(gold, file, number);
                } else if (labels.contains(gold)) {
                    label = gold;
                } else {
                    throw UserException.at(file, number, "unknown " + glueName + " label '" + gold + "' (expected one of "
                            + String.join(", ", labels) + ")");
                }
            }
            examples.add(new GlueExample(split.fileStem() + "-" + index, index, textA, textB, label, score));
        });
        if (layout.header() && examples.isEmpty() && isEmpty(file)) {
            throw UserException.in(file, "empty file (expected a header line)");
        }
        return examples;
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static double parseScore(String text, Path file, long line) {
        try {
            double score = Double.parseDouble(text);
            if (score >= 0 && score <= 5) {
                return score;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw UserException.at(file, line, "STS-B score '" + text + "' is not a number in [0, 5]");
    }

    @Override
    public String toString() {
        return "GlueTask(" + name + ")";
    }
}
