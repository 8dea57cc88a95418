package dev.electrabench.tasks.finetune;

import dev.electrabench.core.UserException;
import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.TaskLossKernels;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Losses;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.classification.GlueExample;
import dev.electrabench.tasks.classification.GluePredictionFile;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.features.GlueFeature;
import dev.electrabench.tasks.features.GlueFeaturizer;
import dev.electrabench.tasks.features.InputFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GLUE on ELECTRA's classification head ([CLS] → dropout → dense): softmax cross-entropy over the task's
 * labels, or for STS-B one output trained with squared error against score / 5 and read back × 5, as
 * ELECTRA's {@code RegressionTask}.
 */
final class GlueAdapter implements TaskAdapter<GlueExample, String, GlueFeature> {
    static final double SCORE_SCALE = 5.0;
    static final String LABELS = "labels";
    static final String SCORES = "scores";
    static final String DEV_PREDICTIONS = "dev_predictions.tsv";
    static final String TEST_DIR = "test";

    private final GlueTask task;
    private final GlueFeaturizer featurizer;

    GlueAdapter(GlueTask task, WordPieceTokenizer tokenizer, int maxSeqLength) {
        this.task = task;
        this.featurizer = new GlueFeaturizer(task, tokenizer, maxSeqLength);
    }

    @Override
    public GlueTask task() {
        return task;
    }

    @Override
    public Architecture.Head head() {
        return Architecture.Head.SEQUENCE_CLASSIFICATION;
    }

    @Override
    public int numLabels() {
        return task.isRegression() ? 1 : task.labels().size();
    }

    @Override
    public List<String> labelNames() {
        return task.isRegression() ? List.of() : task.labels();
    }

    @Override
    public List<GlueFeature> featurize(List<GlueExample> examples, boolean training) {
        return featurizer.featurize(examples, training);
    }

    @Override
    public InputFeature input(GlueFeature row) {
        return row.input();
    }

    @Override
    public SDVariable loss(SameDiff sd, SDVariable logits, int batch, int seq) {
        if (task.isRegression()) {
            return Losses.scaledRegression(sd, logits, sd.placeHolder(SCORES, DataType.FLOAT, batch), SCORE_SCALE);
        }
        return Losses.crossEntropyPerRow(sd, logits, sd.placeHolder(LABELS, DataType.INT, batch), numLabels()).mean();
    }

    @Override
    public Map<String, INDArray> targets(List<GlueFeature> batch) {
        if (task.isRegression()) {
            float[] scores = new float[batch.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) batch.get(i).score();
            }
            return Map.of(SCORES, Nd4j.createFromArray(scores));
        }
        int[] labels = new int[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = batch.get(i).label();
            if (labels[i] < 0) {
                throw new IllegalStateException("training row without label");
            }
        }
        return Map.of(LABELS, Nd4j.createFromArray(labels));
    }

    @Override
    public double engineLoss(List<GlueFeature> batch, int seq, FloatTensor logits, FloatTensor dLogits) {
        if (task.isRegression()) {
            float[] scores = new float[batch.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) batch.get(i).score();
            }
            return TaskLossKernels.scaledRegression(logits, scores.length, scores, SCORE_SCALE, dLogits);
        }
        int[] labels = new int[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = batch.get(i).label();
        }
        return TaskLossKernels.crossEntropy(logits, labels.length, numLabels(), labels, null, dLogits);
    }

    @Override
    public Predictions<String> predict(List<GlueExample> examples, List<GlueFeature> rows, List<float[]> outputs) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            GlueExample e = examples.get(rows.get(r).input().example());
            float[] out = outputs.get(r);
            String p = task.isRegression()
                    ? String.format(Locale.ROOT, "%.4f", out[0] * SCORE_SCALE)
                    : task.labels().get(argmax(out));
            byId.putIfAbsent(e.guid(), p);
        }
        return Predictions.of(byId);
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public Map<String, Double> score(List<GlueExample> examples, Predictions<String> predictions) {
        return task.scorer().score(examples, predictions.byId());
    }

    @Override
    public boolean isLabelled(GlueExample example) {
        return example.isLabeled();
    }

    @Override
    public List<Path> writeDevPredictions(Path outDir, List<GlueExample> examples, Predictions<String> predictions) {
        Path file = outDir.resolve(DEV_PREDICTIONS);
        GluePredictionFile.write(file, task, examples, predictions.byId());
        return List.of(file);
    }

    @Override
    public boolean hasTestData(Path dataDir) {
        if (!task.hasSplit(Split.TEST)) {
            return false;
        }
        try {
            task.locate(dataDir, Split.TEST);
            return true;
        } catch (UserException e) {
            return false;
        }
    }

    @Override
    public List<Path> writeTestPredictions(Path outDir, List<GlueExample> examples, Predictions<String> predictions) {
        return List.of(GluePredictionFile.writeSubmission(outDir.resolve(TEST_DIR), task, examples, predictions.byId()));
    }
}
