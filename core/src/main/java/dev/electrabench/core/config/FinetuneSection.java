package dev.electrabench.core.config;

import static dev.electrabench.core.config.InvalidConfigValue.fraction;
import static dev.electrabench.core.config.InvalidConfigValue.nonNegative;
import static dev.electrabench.core.config.InvalidConfigValue.positive;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Fine-tuning hyper-parameters, shared by every task. Defaults: google-research/electra's
 * {@code configure_finetuning.py} (lr 1e-4, layer-wise decay 0.8, warmup 0.1, batch 32, seq 128,
 * 3 epochs, 10 for RTE and STS) except weight decay 0, the paper's Table 7 value.
 *
 * @param layerwiseLrDecay multiplier per layer towards the input; 1 = off
 * @param epochs           epochs per task name, with a required {@code default} entry
 * @param maxTrainExamples cap on training examples per task, 0 = all
 */
public record FinetuneSection(
        double learningRate,
        double layerwiseLrDecay,
        double weightDecay,
        double warmupProportion,
        int batchSize,
        int maxSeqLength,
        SortedMap<String, Integer> epochs,
        long maxTrainExamples,
        double dropout) {

    public static final String DEFAULT_EPOCHS = "default";

    public FinetuneSection {
        positive("learning_rate", learningRate);
        if (!(layerwiseLrDecay > 0 && layerwiseLrDecay <= 1)) {
            throw new InvalidConfigValue("layerwise_lr_decay", "must be in (0, 1], got " + layerwiseLrDecay);
        }
        nonNegative("weight_decay", weightDecay);
        if (!(warmupProportion >= 0 && warmupProportion <= 1)) {
            throw new InvalidConfigValue("warmup_proportion", "must be in [0, 1], got " + warmupProportion);
        }
        positive("batch_size", batchSize);
        if (maxSeqLength < 3) {
            throw new InvalidConfigValue("max_seq_length", "must be >= 3, got " + maxSeqLength);
        }
        if (epochs == null || !epochs.containsKey(DEFAULT_EPOCHS)) {
            throw new InvalidConfigValue("epochs", "needs a '" + DEFAULT_EPOCHS + "' entry");
        }
        for (Map.Entry<String, Integer> e : epochs.entrySet()) {
            if (e.getValue() == null || e.getValue() <= 0) {
                throw new InvalidConfigValue("epochs." + e.getKey(), "must be an integer > 0, got " + e.getValue());
            }
        }
        epochs = Collections.unmodifiableSortedMap(new TreeMap<>(epochs));
        nonNegative("max_train_examples", maxTrainExamples);
        fraction("dropout", dropout);
    }

    public static FinetuneSection electraDefaults() {
        return new FinetuneSection(1e-4, 0.8, 0.0, 0.1, 32, 128,
                new TreeMap<>(Map.of(DEFAULT_EPOCHS, 3, "rte", 10, "stsb", 10)), 0, 0.1);
    }

    /** Epochs for {@code task}: its own entry, else the default. */
    public int epochsFor(String task) {
        return epochs.getOrDefault(task, epochs.get(DEFAULT_EPOCHS));
    }
}
