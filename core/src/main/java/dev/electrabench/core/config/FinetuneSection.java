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
 * @param padding          training batches padded to their longest row ({@code longest}, HF's
 *                         DataCollatorWithPadding; the default) or every row to max_seq_length ({@code max_length},
 *                         google-research/electra's way). Only the eager engine pads to the longest row; the
 *                         SameDiff graph's static shapes always take max_length. Evaluation always cuts each
 *                         batch to its longest row (same predictions, less work).
 * @param groupByLength    HF's {@code group_by_length}: each epoch's shuffled rows are cut into mega-batches of 50
 *                         batches and each mega-batch sorted longest first, so a batch holds rows of similar length
 *                         and pads less (off by default: it changes which rows share a batch)
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
        double dropout,
        String padding,
        boolean groupByLength) {

    public static final String DEFAULT_EPOCHS = "default";
    public static final String PAD_LONGEST = "longest";
    public static final String PAD_MAX_LENGTH = "max_length";

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
        if (!PAD_LONGEST.equals(padding) && !PAD_MAX_LENGTH.equals(padding)) {
            throw new InvalidConfigValue("padding", "must be " + PAD_LONGEST + " or " + PAD_MAX_LENGTH + ", got " + padding);
        }
    }

    public static FinetuneSection electraDefaults() {
        return new FinetuneSection(1e-4, 0.8, 0.0, 0.1, 32, 128,
                new TreeMap<>(Map.of(DEFAULT_EPOCHS, 3, "rte", 10, "stsb", 10)), 0, 0.1, PAD_LONGEST, false);
    }

    /** This section with {@code padding} instead of its own. */
    public FinetuneSection withPadding(String padding) {
        return new FinetuneSection(learningRate, layerwiseLrDecay, weightDecay, warmupProportion, batchSize, maxSeqLength,
                epochs, maxTrainExamples, dropout, padding, groupByLength);
    }

    /** Whether training batches are padded only to their longest row. */
    public boolean padToLongest() {
        return PAD_LONGEST.equals(padding);
    }

    /** Epochs for {@code task}: its own entry, else the default. */
    public int epochsFor(String task) {
        return epochs.getOrDefault(task, epochs.get(DEFAULT_EPOCHS));
    }
}
