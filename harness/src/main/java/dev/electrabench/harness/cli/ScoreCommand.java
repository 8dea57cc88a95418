package dev.electrabench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.classification.GlueFileScorer;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.qa.SquadDevSplitTask;
import dev.electrabench.tasks.qa.SquadFileScorer;
import dev.electrabench.tasks.qa.SquadTask;
import dev.electrabench.tasks.qa.SquadVersion;
import dev.electrabench.tasks.registry.TaskRegistry;
import dev.electrabench.tasks.tagging.ConllFileScorer;
import dev.electrabench.tasks.tagging.ConllTask;
import dev.electrabench.tasks.tagging.EntityScores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench score}: scores an existing prediction file with a task's official metrics, without
 * any model (each task family's file scorer in {@code tasks} does the work; this class checks options and prints). GLUE: {@code --data} is the split's labeled TSV and the predictions a submission-format TSV
 * ({@code index<TAB>prediction}); SQuAD: the dataset JSON and the official predictions JSON (plus
 * {@code --na-probs} for v2.0); CoNLL-2003: a conlleval file ({@code token ... gold predicted}), with
 * {@code --data} optionally the column file whose tokens and gold tags it must match.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Score a prediction file with a task's official metrics (no model needed).")
public final class ScoreCommand implements Callable<Integer> {

    /** Lets picocli list the task names in --help. */
    static final class TaskNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TaskRegistry.names().iterator();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, description = "One of: ${COMPLETION-CANDIDATES}",
            completionCandidates = TaskNames.class)
    String task;

    @Option(names = "--data", description = "Gold data: GLUE split TSV, SQuAD JSON, or (optional) CoNLL column file")
    Path data;

    @Option(names = "--predictions", required = true, description = "Prediction file to score")
    Path predictions;

    @Option(names = "--na-probs", description = "SQuAD 2.0: JSON {question id: no-answer probability}")
    Path naProbs;

    @Option(names = "--na-prob-thresh", defaultValue = "1.0",
            description = "SQuAD 2.0: predict no answer when the probability exceeds this (default ${DEFAULT-VALUE})")
    double naProbThreshold;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        Task<?, ?> chosen = TaskRegistry.get(task);
        ObjectNode result = JSON.createObjectNode();
        result.put("task", chosen.name());
        if (chosen instanceof GlueTask glue) {
            scoreGlue(glue, result);
        } else if (chosen instanceof SquadTask squad) {
            scoreSquad(squad.version(), false, result);
        } else if (chosen instanceof SquadDevSplitTask) {
            scoreSquad(SquadVersion.V1_1, true, result);
        } else if (chosen instanceof ConllTask) {
            scoreConll(result);
        } else {
            throw new IllegalStateException("no scoring for " + chosen);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(result.toPrettyString());
        } else {
            printTable(out, result, "");
        }
        out.flush();
        return 0;
    }

    private Path requireData() {
        if (data == null) {
            throw new UserException("--data is required for task " + task);
        }
        return data;
    }

    private void noNaProbs() {
        if (naProbs != null) {
            throw new UserException("--na-probs applies to squad2.0 only");
        }
    }

    private void scoreGlue(GlueTask glue, ObjectNode result) {
        noNaProbs();
        putAll(result, GlueFileScorer.score(glue, requireData(), predictions));
    }

    private void scoreSquad(SquadVersion version, boolean devSplit, ObjectNode result) {
        if (version == SquadVersion.V1_1) {
            noNaProbs();
        }
        putAll(result, SquadFileScorer.score(version, devSplit, requireData(), predictions, naProbs, naProbThreshold,
                warning -> spec.commandLine().getErr().println("electra-bench: warning: " + warning)));
    }

    private void scoreConll(ObjectNode result) {
        noNaProbs();
        EntityScores scores = ConllFileScorer.score(predictions, data);
        result.put("precision", scores.precision());
        result.put("recall", scores.recall());
        result.put("f1", scores.f1());
        result.put("accuracy", scores.accuracy());
        ObjectNode perType = result.putObject("per_type");
        scores.perType().forEach((type, s) -> {
            ObjectNode t = perType.putObject(type);
            t.put("precision", s.precision());
            t.put("recall", s.recall());
            t.put("f1", s.f1());
        });
        result.put("gold_entities", scores.overall().gold());
        result.put("predicted_entities", scores.overall().predicted());
        result.put("correct_entities", scores.overall().correct());
        result.put("tokens", scores.tokens());
    }

    private static void putAll(ObjectNode result, Map<String, Double> scores) {
        scores.forEach((key, value) -> {
            if (key.equals("total") || key.endsWith("_total") || key.equals("missing")) {
                result.put(key, value.longValue());
            } else if (value.isNaN()) {
                result.putNull(key); // e.g. a correlation of constant predictions
            } else {
                result.put(key, value);
            }
        });
    }

    private static void printTable(PrintWriter out, ObjectNode node, String indent) {
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                out.println(indent + e.getKey() + ":");
                printTable(out, (ObjectNode) e.getValue(), indent + "  ");
            } else if (e.getValue().isFloatingPointNumber()) {
                out.printf(Locale.ROOT, "%s%-20s %10.4f%n", indent, e.getKey(), e.getValue().doubleValue());
            } else {
                out.printf(Locale.ROOT, "%s%-20s %10s%n", indent, e.getKey(), e.getValue().asText());
            }
        });
    }
}
