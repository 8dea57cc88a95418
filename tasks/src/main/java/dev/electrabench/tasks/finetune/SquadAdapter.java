package dev.electrabench.tasks.finetune;

import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.TaskLossKernels;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Losses;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.features.InputFeature;
import dev.electrabench.tasks.features.SquadFeature;
import dev.electrabench.tasks.features.SquadFeaturizer;
import dev.electrabench.tasks.qa.FeatureLogits;
import dev.electrabench.tasks.qa.SpanDecoder;
import dev.electrabench.tasks.qa.SpanPrediction;
import dev.electrabench.tasks.qa.SquadExample;
import dev.electrabench.tasks.qa.SquadPredictionFiles;
import dev.electrabench.tasks.qa.SquadScorer;
import dev.electrabench.tasks.qa.SquadV2Evaluator;
import dev.electrabench.tasks.qa.SquadVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SQuAD on HF's {@code ElectraForQuestionAnswering} head: per-position start and end logits, trained with
 * BERT's span loss (the mean of the start and end cross-entropies, [CLS] as the target when the window
 * does not hold the answer), decoded by {@link SpanDecoder} (n-best 20, max answer 30 tokens).
 *
 * <p>SQuAD 2.0 answerability is BERT's, not ELECTRA's: ELECTRA adds an answerable classifier on the
 * start logits; here the [CLS] position's start + end logit is the null score, "no answer" is predicted
 * when min null score − best span score > 0 (BERT's {@code null_score_diff_threshold}), and those
 * differences are written as the null-odds file the official evaluation reads.
 */
final class SquadAdapter implements TaskAdapter<SquadExample, String, SquadFeature> {
    static final String STARTS = "start_positions";
    static final String ENDS = "end_positions";
    static final String DEV_PREDICTIONS = "dev_predictions.json";
    static final String DEV_NULL_ODDS = "dev_null_odds.json";
    /** BERT's default {@code null_score_diff_threshold}. */
    static final double NULL_THRESHOLD = 0.0;

    private final Task<SquadExample, String> task;
    private final SquadVersion version;
    private final SquadFeaturizer featurizer;
    private final SpanDecoder decoder = new SpanDecoder();

    SquadAdapter(Task<SquadExample, String> task, SquadVersion version, WordPieceTokenizer tokenizer, int maxSeqLength) {
        this.task = task;
        this.version = version;
        this.featurizer = new SquadFeaturizer(tokenizer, maxSeqLength);
    }

    @Override
    public Task<SquadExample, String> task() {
        return task;
    }

    @Override
    public Architecture.Head head() {
        return Architecture.Head.QUESTION_ANSWERING;
    }

    @Override
    public int numLabels() {
        return 2;
    }

    @Override
    public List<String> labelNames() {
        return List.of();
    }

    @Override
    public List<SquadFeature> featurize(List<SquadExample> examples, boolean training) {
        return featurizer.featurize(examples, training);
    }

    @Override
    public InputFeature input(SquadFeature row) {
        return row.input();
    }

    @Override
    public SDVariable loss(SameDiff sd, SDVariable logits, int batch, int seq) {
        return Losses.questionAnswering(sd, logits, sd.placeHolder(STARTS, DataType.INT, batch),
                sd.placeHolder(ENDS, DataType.INT, batch), seq);
    }

    @Override
    public Map<String, INDArray> targets(List<SquadFeature> batch) {
        int[] starts = new int[batch.size()];
        int[] ends = new int[batch.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = batch.get(i).startPosition();
            ends[i] = batch.get(i).endPosition();
        }
        return Map.of(STARTS, Nd4j.createFromArray(starts), ENDS, Nd4j.createFromArray(ends));
    }

    @Override
    public double engineLoss(List<SquadFeature> batch, int seq, FloatTensor logits, FloatTensor dLogits) {
        int[] starts = new int[batch.size()];
        int[] ends = new int[batch.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = batch.get(i).startPosition();
            ends[i] = batch.get(i).endPosition();
        }
        return TaskLossKernels.questionAnswering(logits, batch.size(), seq, starts, ends, dLogits);
    }

    @Override
    public Predictions<String> predict(List<SquadExample> examples, List<SquadFeature> rows, List<float[]> outputs) {
        List<List<FeatureLogits>> windows = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            windows.add(new ArrayList<>());
        }
        for (int r = 0; r < rows.size(); r++) {
            SquadFeature row = rows.get(r);
            float[] out = outputs.get(r);
            int n = out.length / 2;
            float[] start = new float[n];
            float[] end = new float[n];
            for (int p = 0; p < n; p++) {
                start[p] = out[2 * p];
                end[p] = out[2 * p + 1];
            }
            windows.get(row.input().example()).add(new FeatureLogits(start, end, Arrays.copyOf(row.charStart(), n),
                    Arrays.copyOf(row.charEnd(), n), Arrays.copyOf(row.maxContext(), n)));
        }
        Map<String, String> byId = new LinkedHashMap<>();
        Map<String, Double> nullOdds = version == SquadVersion.V2_0 ? new LinkedHashMap<>() : null;
        for (int i = 0; i < examples.size(); i++) {
            SquadExample e = examples.get(i);
            if (windows.get(i).isEmpty()) {
                byId.put(e.id(), ""); // a paragraph without tokens
                if (nullOdds != null) {
                    nullOdds.put(e.id(), 0.0);
                }
                continue;
            }
            if (nullOdds == null) {
                byId.put(e.id(), decoder.decode(e.context(), windows.get(i)).text());
            } else {
                SpanPrediction p = decoder.decode(e.context(), windows.get(i), NULL_THRESHOLD);
                byId.put(e.id(), p.text());
                nullOdds.put(e.id(), p.nullScoreDiff());
            }
        }
        return new Predictions<>(byId, nullOdds);
    }

    @Override
    public Map<String, Double> score(List<SquadExample> examples, Predictions<String> predictions) {
        SquadScorer scorer = new SquadScorer(version);
        return scorer.score(examples, predictions.byId(), predictions.nullOdds(), SquadV2Evaluator.DEFAULT_NA_PROB_THRESHOLD);
    }

    @Override
    public boolean isLabelled(SquadExample example) {
        return true;
    }

    @Override
    public List<Path> writeDevPredictions(Path outDir, List<SquadExample> examples, Predictions<String> predictions) {
        Path file = outDir.resolve(DEV_PREDICTIONS);
        SquadPredictionFiles.writePredictions(file, predictions.byId());
        if (predictions.nullOdds() == null) {
            return List.of(file);
        }
        Path odds = outDir.resolve(DEV_NULL_ODDS);
        SquadPredictionFiles.writeNullOdds(odds, predictions.nullOdds());
        return List.of(file, odds);
    }

    @Override
    public boolean hasTestData(Path dataDir) {
        return false; // SQuAD's test set is hidden
    }

    @Override
    public List<Path> writeTestPredictions(Path outDir, List<SquadExample> examples, Predictions<String> predictions) {
        throw new UnsupportedOperationException("SQuAD has no public test set");
    }
}
