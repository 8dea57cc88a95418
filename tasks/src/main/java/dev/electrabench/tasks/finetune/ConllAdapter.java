package dev.electrabench.tasks.finetune;

import dev.electrabench.core.UserException;
import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.TaskLossKernels;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Losses;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.features.ConllFeaturizer;
import dev.electrabench.tasks.features.InputFeature;
import dev.electrabench.tasks.features.TaggingFeature;
import dev.electrabench.tasks.tagging.ConllEvalFile;
import dev.electrabench.tasks.tagging.ConllSentence;
import dev.electrabench.tasks.tagging.ConllTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CoNLL-2003 NER on the token-classification head (dropout → dense per position): cross-entropy averaged
 * over the words' first sub-tokens; a word's predicted tag is the argmax at its first sub-token.
 * Predictions are written in conlleval's format ({@code token POS chunk gold predicted}).
 */
final class ConllAdapter implements TaskAdapter<ConllSentence, List<String>, TaggingFeature> {
    static final String LABELS = "token_labels";
    static final String WEIGHTS = "token_weights";
    static final String DEV_PREDICTIONS = "dev_predictions.conll";
    static final String TEST_PREDICTIONS = "test_predictions.conll";

    private final ConllTask task;
    private final ConllFeaturizer featurizer;

    ConllAdapter(ConllTask task, WordPieceTokenizer tokenizer, int maxSeqLength) {
        this.task = task;
        this.featurizer = new ConllFeaturizer(tokenizer, task.labels(), maxSeqLength);
    }

    @Override
    public ConllTask task() {
        return task;
    }

    @Override
    public Architecture.Head head() {
        return Architecture.Head.TOKEN_CLASSIFICATION;
    }

    @Override
    public int numLabels() {
        return task.labels().size();
    }

    @Override
    public List<String> labelNames() {
        return task.labels();
    }

    @Override
    public List<TaggingFeature> featurize(List<ConllSentence> examples, boolean training) {
        return featurizer.featurize(examples);
    }

    @Override
    public InputFeature input(TaggingFeature row) {
        return row.input();
    }

    @Override
    public SDVariable loss(SameDiff sd, SDVariable logits, int batch, int seq) {
        SDVariable labels = sd.placeHolder(LABELS, DataType.INT, (long) batch * seq);
        SDVariable weights = sd.placeHolder(WEIGHTS, DataType.FLOAT, (long) batch * seq);
        return Losses.weightedMean(Losses.crossEntropyPerRow(sd, logits, labels, numLabels()), weights);
    }

    @Override
    public Map<String, INDArray> targets(List<TaggingFeature> batch) {
        int seq = batch.get(0).labels().length;
        int[] labels = new int[batch.size() * seq];
        float[] weights = new float[labels.length];
        for (int b = 0; b < batch.size(); b++) {
            int[] l = batch.get(b).labels();
            for (int t = 0; t < seq; t++) {
                labels[b * seq + t] = Math.max(0, l[t]); // ignored positions get any valid class and weight 0
                weights[b * seq + t] = l[t] >= 0 ? 1f : 0f;
            }
        }
        return Map.of(LABELS, Nd4j.createFromArray(labels), WEIGHTS, Nd4j.createFromArray(weights));
    }

    @Override
    public double engineLoss(List<TaggingFeature> batch, int seq, FloatTensor logits, FloatTensor dLogits) {
        int[] labels = new int[batch.size() * seq];
        float[] weights = new float[labels.length];
        for (int b = 0; b < batch.size(); b++) {
            int[] l = batch.get(b).labels();
            for (int t = 0; t < seq; t++) {
                labels[b * seq + t] = Math.max(0, l[t]); // ignored positions get any valid class and weight 0
                weights[b * seq + t] = l[t] >= 0 ? 1f : 0f;
            }
        }
        return TaskLossKernels.crossEntropy(logits, labels.length, numLabels(), labels, weights, dLogits);
    }

    @Override
    public Predictions<List<String>> predict(List<ConllSentence> examples, List<TaggingFeature> rows, List<float[]> outputs) {
        int classes = numLabels();
        List<String[]> tags = new ArrayList<>(examples.size());
        for (ConllSentence s : examples) {
            String[] t = new String[s.size()];
            java.util.Arrays.fill(t, "O");
            tags.add(t);
        }
        for (int r = 0; r < rows.size(); r++) {
            TaggingFeature row = rows.get(r);
            float[] out = outputs.get(r);
            int positions = out.length / classes;
            String[] t = tags.get(row.input().example());
            for (int p = 0; p < positions; p++) {
                int word = row.wordIndex()[p];
                if (word < 0) {
                    continue;
                }
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (out[p * classes + c] > out[p * classes + best]) {
                        best = c;
                    }
                }
                t[word] = task.labels().get(best);
            }
        }
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byId.put(examples.get(i).id(), Collections.unmodifiableList(java.util.Arrays.asList(tags.get(i))));
        }
        return Predictions.of(byId);
    }

    @Override
    public Map<String, Double> score(List<ConllSentence> examples, Predictions<List<String>> predictions) {
        return task.scorer().score(examples, predictions.byId());
    }

    @Override
    public boolean isLabelled(ConllSentence example) {
        return true;
    }

    @Override
    public List<Path> writeDevPredictions(Path outDir, List<ConllSentence> examples, Predictions<List<String>> predictions) {
        return List.of(write(outDir.resolve(DEV_PREDICTIONS), examples, predictions));
    }

    @Override
    public boolean hasTestData(Path dataDir) {
        try {
            task.locate(dataDir, Split.TEST);
            return true;
        } catch (UserException e) {
            return false;
        }
    }

    @Override
    public List<Path> writeTestPredictions(Path outDir, List<ConllSentence> examples, Predictions<List<String>> predictions) {
        return List.of(write(outDir.resolve(TEST_PREDICTIONS), examples, predictions));
    }

    private static Path write(Path file, List<ConllSentence> examples, Predictions<List<String>> predictions) {
        List<List<String>> predicted = new ArrayList<>(examples.size());
        for (ConllSentence s : examples) {
            predicted.add(predictions.byId().get(s.id()));
        }
        ConllEvalFile.write(file, examples, predicted);
        return file;
    }
}
