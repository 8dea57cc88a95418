package dev.electrabench.tasks.finetune;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fine-tuning run produced.
 *
 * @param task                    the task name
 * @param primaryMetric           the ELECTRA-paper metric of the task (a key of {@code devMetrics})
 * @param devMetrics              the best epoch's dev metrics, ×100, keyed as the task's scorer keys them
 * @param bestEpoch               1-based epoch whose checkpoint is in {@code bestDir}
 * @param epochs                  per-epoch log (the rows of metrics.csv)
 * @param testMetrics             test-split metrics when the test split has gold (CoNLL); else empty
 * @param trainSteps              optimizer steps taken
 * @param wallSeconds             the whole run (training and evaluation)
 * @param trainExamplesPerSecond  training rows per second of training time
 * @param bestDir                 HF folder of the best epoch
 */
public record FineTuneResult(String task, String primaryMetric, Map<String, Double> devMetrics, int bestEpoch,
                             List<EpochMetrics> epochs, Map<String, Double> testMetrics, long trainSteps,
                             double wallSeconds, double trainExamplesPerSecond, Path bestDir) {

    public FineTuneResult {
        devMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(devMetrics));
        epochs = List.copyOf(epochs);
        testMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(testMetrics));
    }

    /** The best epoch's value of the primary metric. */
    public double primaryValue() {
        return devMetrics.get(primaryMetric);
    }

    /** One row of metrics.csv. */
    public record EpochMetrics(int epoch, double trainLoss, Map<String, Double> devMetrics, double wallSeconds) {
        public EpochMetrics {
            devMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(devMetrics));
        }
    }
}
