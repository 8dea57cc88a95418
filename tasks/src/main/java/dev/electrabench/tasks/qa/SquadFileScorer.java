package dev.electrabench.tasks.qa;

import dev.electrabench.core.UserException;
import dev.electrabench.tasks.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores an official SQuAD predictions JSON ({@code {id: answer}}, plus the no-answer probabilities for
 * v2.0) against a SQuAD dataset JSON with the official evaluation scripts' metrics ({@code electra-bench score}).
 */
public final class SquadFileScorer {
    private SquadFileScorer() {}

    /**
     * @param devSplit   score only the questions of {@link SquadDevSplitTask}'s evaluation articles
     * @param naProbs    SQuAD 2.0's {@code {id: no-answer probability}} file, or null
     * @param warnings   receives what the official script would warn about (a version mismatch)
     */
    public static Map<String, Double> score(SquadVersion version, boolean devSplit, Path data, Path predictions, Path naProbs,
                                            double naProbThreshold, Consumer<String> warnings) {
        SquadDataset dataset = SquadReader.read(data);
        // SQuAD 1.1 files say "1.1", the official 2.0 files "v2.0"
        String fileVersion = dataset.version().startsWith("v") ? dataset.version().substring(1) : dataset.version();
        if (!fileVersion.isEmpty() && !fileVersion.equals(version.number())) {
            // the official v1.1 script warns and goes on; so do we
            warnings.accept(data + " is SQuAD version " + dataset.version() + ", scoring with the v" + version.number()
                    + " evaluation");
        }
        List<SquadExample> questions = devSplit ? SquadDevSplitTask.select(dataset.examples(), Split.DEV) : dataset.examples();
        if (questions.isEmpty()) {
            throw UserException.in(data, "no questions to score");
        }
        if (version == SquadVersion.V1_1) {
            for (SquadExample q : questions) {
                if (q.answers().isEmpty()) {
                    throw UserException.in(data, "question " + q.id() + " has no gold answer (SQuAD 2.0 data? use --task squad2.0)");
                }
            }
        }
        Map<String, String> answers = SquadPredictionFiles.readPredictions(predictions);
        if (questions.stream().noneMatch(q -> answers.containsKey(q.id()))) {
            // scoring nothing would report 0.0 as if it were a result
            throw UserException.in(predictions, "no prediction matches a question id of " + data + " (" + questions.size()
                    + " of " + questions.size() + " ids missing); wrong file or task?");
        }
        Map<String, Double> probabilities = null;
        if (naProbs != null) {
            probabilities = SquadPredictionFiles.readNaProbs(naProbs);
            for (SquadExample q : questions) {
                if (answers.containsKey(q.id()) && !probabilities.containsKey(q.id())) {
                    throw UserException.in(naProbs, "no no-answer probability for question " + q.id());
                }
            }
        }
        return new SquadScorer(version).score(questions, answers, probabilities,
                version == SquadVersion.V2_0 ? naProbThreshold : SquadV2Evaluator.DEFAULT_NA_PROB_THRESHOLD);
    }
}
