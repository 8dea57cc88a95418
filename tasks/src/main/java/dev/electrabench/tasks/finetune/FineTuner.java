package dev.electrabench.tasks.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.io.RunManifest;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.runtime.EngineChoice;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.Example;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.registry.TaskRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tunes a pre-trained HF folder on one task, as google-research/electra's {@code run_finetuning.py}:
 * the task family's head on the encoder (ELECTRA's classifier = dropout + dense on [CLS]), AdamW without
 * bias correction (β 0.9/0.999, ε 1e-6, global-norm clip 1.0, weight decay from the config excluding
 * LayerNorm and biases), layer-wise LR decay, linear warmup over warmup_proportion of the steps then
 * linear decay to 0, epochs per task from the config, training rows reshuffled every epoch.
 *
 * <p>Forward and backward run on the eager engine ({@link FineTuningEngine}) on the CPU backend, on SameDiff
 * graphs ({@link FineTuningGraph}) on CUDA or with {@code -Delectrabench.engine=graph}; both share the model's
 * parameter arrays and evaluate each batch cut to its longest row; the engine trains on batches padded to their
 * longest row ({@code finetune.padding}, default), the graph on rows padded to max_seq_length.
 * The last partial batch of an epoch is dropped (TF's {@code drop_remainder} for training). After each epoch the dev split is
 * decoded and scored; the best epoch by the task's primary metric (first one on ties) keeps its HF
 * folder in {@code best/} and its dev predictions. At the end the best weights are restored and, when the
 * task has a test file, test predictions are written (GLUE: the leaderboard submission format).
 *
 * <p>Deterministic given the seed: the new head's initial weights, the epoch orders and every dropout
 * mask derive from it (the engine and the graph draw different masks from the same seed).
 *
 * <p>Output layout: {@code metrics.csv}, {@code best/}, dev predictions ({@code dev_predictions.tsv},
 * {@code .json} (+ {@code dev_null_odds.json}) or {@code .conll}), {@code test/<GLUE name>.tsv} or
 * {@code test_predictions.conll}, {@code config.yaml} (the effective run config) and {@code result.json}.
 */
public final class FineTuner {
    public static final String METRICS = "metrics.csv";
    public static final String BEST = "best";
    public static final String RESULT = "result.json";
    public static final String CONFIG = "config.yaml";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FineTuneRequest request;
    private final FinetuneSection hp;
    private final Path dataDir;
    private final PrintStream progress;

    private FineTuner(FineTuneRequest request) {
        this.request = request;
        this.hp = request.config().finetune();
        this.dataDir = DataDir.resolve(request.dataDir());
        this.progress = request.progress() != null ? request.progress() : new PrintStream(OutputStream.nullOutputStream());
    }

    /** Runs one fine-tuning job; user mistakes (unknown task, missing folder or data) are {@link UserException}s. */
    public static FineTuneResult run(FineTuneRequest request) {
        TaskRegistry.get(request.task());
        HfCheckpoint.readConfig(request.modelDir()); // the named mistakes first, then the folder's owner and settings
        try (RunLock lock = RunLock.acquire(request.outDir())) {
            RunManifest.claim(request.outDir(), identity(request), "use another --out");
            return runLocked(request);
        }
    }

    /** What an output folder of this request records: another request may not write into it. */
    static ObjectNode identity(FineTuneRequest request) {
        ObjectNode n = RunManifest.facts("finetune");
        n.put("model_sha256", RunManifest.folderSha256(request.modelDir()));
        n.put("task", request.task());
        n.put("seed", request.seed());
        try {
            ObjectNode config = (ObjectNode) JSON.readTree(request.config().canonicalJson());
            n.set("finetune", config.get("finetune"));
            n.set("vocab", config.get("vocab"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        n.set("options", JSON.valueToTree(request.options()));
        return n;
    }

    private static FineTuneResult runLocked(FineTuneRequest request) {
        Task<?, ?> task = TaskRegistry.get(request.task());
        Path modelDir = request.modelDir();
        TransformerConfig source = HfCheckpoint.readConfig(modelDir);
        WordPieceTokenizer tokenizer = tokenizer(request);
        if (tokenizer.vocab().size() > source.vocabSize) {
            throw UserException.in(modelDir.resolve(HfCheckpoint.CONFIG), "vocab_size " + source.vocabSize
                    + " is smaller than the vocabulary's " + tokenizer.vocab().size() + " tokens");
        }
        int maxSeq = TaskAdapters.maxSeqLength(task, request.options().maxSeqLength(), request.config().finetune().maxSeqLength());
        if (maxSeq > source.maxPositionEmbeddings) {
            throw UserException.in(modelDir.resolve(HfCheckpoint.CONFIG), "max_seq_length " + maxSeq
                    + " for " + task.name() + " exceeds max_position_embeddings " + source.maxPositionEmbeddings);
        }
        return new FineTuner(request).train(TaskAdapters.forTask(task, tokenizer, maxSeq), maxSeq, tokenizer.vocab());
    }

    /** The folder's {@code vocab.txt} when it has one (HF folders usually do), else the config's vocabulary. */
    static WordPieceTokenizer tokenizer(FineTuneRequest request) {
        return tokenizer(request.modelDir(), request.config(), request.dataDir());
    }

    static WordPieceTokenizer tokenizer(Path modelDir, RunConfig config, Path dataDir) {
        Path own = modelDir.resolve("vocab.txt");
        Path file = Files.isRegularFile(own) ? own : config.vocabPath(DataDir.resolve(dataDir));
        return new WordPieceTokenizer(Vocab.load(file));
    }

    private <E extends Example, P, F> FineTuneResult train(TaskAdapter<E, P, F> adapter, int maxSeq, Vocab vocab) {
        long startNanos = System.nanoTime();
        Task<E, P> task = adapter.task();
        List<E> trainExamples = cap(task.examples(dataDir, Split.TRAIN), hp.maxTrainExamples());
        List<E> devExamples = cap(task.examples(dataDir, Split.DEV), request.options().maxEvalExamples());
        List<F> trainRows = adapter.featurize(trainExamples, true);
        List<F> devRows = adapter.featurize(devExamples, false);
        if (trainRows.isEmpty()) {
            throw new UserException(task.name() + ": no training rows (check max_train_examples and the train file)");
        }
        int batch = Math.min(hp.batchSize(), trainRows.size());
        int stepsPerEpoch = trainRows.size() / batch;
        int epochs = hp.epochsFor(task.name());
        long totalSteps = (long) epochs * stepsPerEpoch;

        TransformerModel model = modelFor(request.modelDir(), adapter, hp, request.seed());
        model.config().setLabelNames(adapter.labelNames());

        try (FineTuningBackend<F> backend = backend(model, adapter, batch, maxSeq, hp, totalSteps, request.seed())) {

            Path out = request.outDir();
            Path bestDir = out.resolve(BEST);
            AtomicFiles.writeString(out.resolve(CONFIG), request.config().toYaml());
            List<FineTuneResult.EpochMetrics> history = new ArrayList<>();
            int bestEpoch = 0;
            double bestValue = Double.NaN;
            Map<String, Double> bestMetrics = Map.of();
            long step = 0;
            double trainSeconds = 0;
            String primary = task.primaryMetric();
            try (Progress bar = Progress.builder("finetune " + task.name(), totalSteps).unit("ex").out(progress).build()) {
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    List<F> order = new ArrayList<>(trainRows);
                    Collections.shuffle(order, new Random(request.seed() * 1_000_003L + epoch));
                    if (hp.groupByLength()) {
                        order = LengthGrouping.order(order, f -> adapter.input(f).realLength(), batch);
                    }
                    double lossSum = 0;
                    long t0 = System.nanoTime();
                    for (int s = 0; s < stepsPerEpoch; s++) {
                        List<F> rows = order.subList(s * batch, (s + 1) * batch);
                        double loss = backend.step(rows, step);
                        step++;
                        lossSum += loss;
                        bar.advance(1, batch);
                        bar.value("loss", lossSum / (s + 1));
                    }
                    trainSeconds += (System.nanoTime() - t0) / 1e9;

                    List<float[]> devOutputs;
                    try (Progress evalBar = bar.child("dev", backend.batches(devRows.size()), "ex")) {
                        devOutputs = backend.outputs(devRows.stream().map(adapter::input).toList(), evalBar);
                    }
                    Predictions<P> dev = adapter.predict(devExamples, devRows, devOutputs);
                    Map<String, Double> metrics = adapter.score(devExamples, dev);
                    double wall = (System.nanoTime() - startNanos) / 1e9;
                    history.add(new FineTuneResult.EpochMetrics(epoch, lossSum / stepsPerEpoch, metrics, wall));
                    MetricsCsv.write(out.resolve(METRICS), history);
                    double value = metrics.getOrDefault(primary, Double.NaN);
                    bar.value("dev_" + primary, value);
                    if (bestEpoch == 0 || value > bestValue || (Double.isNaN(bestValue) && !Double.isNaN(value))) {
                        bestEpoch = epoch;
                        bestValue = value;
                        bestMetrics = metrics;
                        HfCheckpoint.save(model, bestDir, vocab);
                        adapter.writeDevPredictions(out, devExamples, dev);
                    }
                }
            }
            if (bestEpoch != epochs) {
                model.parameters().assignFrom(HfCheckpoint.load(bestDir).parameters().asMap());
            }
            Map<String, Double> testMetrics = request.options().predictTest() && adapter.hasTestData(dataDir)
                    ? predictTest(adapter, backend, out) : Map.of();
            double wall = (System.nanoTime() - startNanos) / 1e9;
            double examplesPerSecond = trainSeconds > 0 ? step * (double) batch / trainSeconds : 0;
            FineTuneResult result = new FineTuneResult(task.name(), primary, bestMetrics, bestEpoch, history, testMetrics,
                    step, wall, examplesPerSecond, bestDir);
            writeResult(out.resolve(RESULT), result, request, maxSeq, trainRows.size(), devRows.size(), backend);
            return result;
        }
    }

    /**
     * The eager engine on the CPU backend; the SameDiff graph on CUDA (the engine calls OpenBLAS on host
     * memory) or when {@code -Delectrabench.engine=graph} asks for it.
     */
    static <F> FineTuningBackend<F> backend(TransformerModel model, TaskAdapter<?, ?, F> adapter, int batch, int maxSeq,
                                           FinetuneSection hp, long totalSteps, long seed) {
        if (useGraph()) {
            return new FineTuningGraph<>(model, adapter, batch, maxSeq, hp, totalSteps, seed);
        }
        return new FineTuningEngine<>(model, adapter, batch, maxSeq, hp, totalSteps, seed);
    }

    /** The task's model on {@code modelDir} with the head fine-tuning puts on it and the config's dropout. */
    static TransformerModel modelFor(Path modelDir, TaskAdapter<?, ?, ?> adapter, FinetuneSection hp, long seed) {
        TransformerModel model = HfCheckpoint.loadForFineTuning(modelDir, adapter.head(), adapter.numLabels(), seed);
        model.config().hiddenDropoutProb = hp.dropout();
        model.config().attentionProbsDropoutProb = hp.dropout();
        return model;
    }

    static boolean useGraph() {
        return !EngineChoice.useEngine();
    }

    /** Test predictions with the restored best weights; metrics only when every test example has gold. */
    private <E extends Example, P, F> Map<String, Double> predictTest(TaskAdapter<E, P, F> adapter, FineTuningBackend<F> evaluator,
                                                                      Path out) {
        List<E> test = adapter.task().examples(dataDir, Split.TEST);
        List<F> rows = adapter.featurize(test, false);
        List<float[]> outputs;
        try (Progress bar = Progress.builder("test " + adapter.task().name(), evaluator.batches(rows.size())).unit("ex")
                .out(progress).build()) {
            outputs = evaluator.outputs(rows.stream().map(adapter::input).toList(), bar);
        }
        Predictions<P> predictions = adapter.predict(test, rows, outputs);
        adapter.writeTestPredictions(out, test, predictions);
        boolean labelled = !test.isEmpty() && test.stream().allMatch(adapter::isLabelled);
        return labelled ? adapter.score(test, predictions) : Map.of();
    }

    private static <T> List<T> cap(List<T> items, long max) {
        return max > 0 && items.size() > max ? items.subList(0, (int) max) : items;
    }

    private static void writeResult(Path file, FineTuneResult r, FineTuneRequest request, int maxSeq, int trainRows, int devRows,
                                    FineTuningBackend<?> backend) {
        ObjectNode root = JSON.createObjectNode();
        root.put("task", r.task());
        root.put("model", request.modelDir().toAbsolutePath().normalize().toString());
        root.put("seed", request.seed());
        root.put("config_sha256", request.config().sha256());
        root.put("max_seq_length", maxSeq);
        root.put("padding", backend.padding());
        root.put("engine", backend.path());
        root.put("train_rows", trainRows);
        root.put("dev_rows", devRows);
        root.put("primary_metric", r.primaryMetric());
        root.put("best_epoch", r.bestEpoch());
        root.set("dev", JSON.valueToTree(new LinkedHashMap<>(r.devMetrics())));
        root.set("test", JSON.valueToTree(new LinkedHashMap<>(r.testMetrics())));
        root.put("train_steps", r.trainSteps());
        root.put("wall_s", r.wallSeconds());
        root.put("train_examples_per_s", r.trainExamplesPerSecond());
        try {
            AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
