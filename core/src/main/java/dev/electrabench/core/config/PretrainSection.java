package dev.electrabench.core.config;

import static dev.electrabench.core.config.InvalidConfigValue.fraction;
import static dev.electrabench.core.config.InvalidConfigValue.nonNegative;
import static dev.electrabench.core.config.InvalidConfigValue.positive;

/**
 * Pre-training hyper-parameters; defaults are google-research/electra's {@code configure_pretraining.py}
 * for ELECTRA-Small unless noted.
 *
 * @param maxPredictionsPerSeq masked slots per sequence; 0 (or absent in YAML) derives ELECTRA's
 *                             {@code int((mask_prob + 0.005) · max_seq_length)}
 * @param maxGradNorm          global gradient-norm clip, 0 = off
 * @param logEvery             steps between log lines (ELECTRA's iterations_per_loop, 200)
 * @param checkpointEvery      steps between checkpoints (save_checkpoints_steps, 1000)
 * @param keepCheckpoints      checkpoints kept (tf.estimator's keep_checkpoint_max default, 5)
 * @param maxExamples          cap on examples built from the corpus, 0 = all (ours, no ELECTRA equivalent)
 */
public record PretrainSection(
        int maxSeqLength,
        int batchSize,
        long maxSteps,
        double learningRate,
        long warmupSteps,
        double lrDecayPower,
        double weightDecay,
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        boolean biasCorrection,
        double maxGradNorm,
        double maskProb,
        int maxPredictionsPerSeq,
        double discWeight,
        double genWeight,
        double temperature,
        int logEvery,
        int checkpointEvery,
        int keepCheckpoints,
        long maxExamples) {

    public PretrainSection {
        if (maxSeqLength < 3) { // [CLS] x [SEP] at the least
            throw new InvalidConfigValue("max_seq_length", "must be >= 3, got " + maxSeqLength);
        }
        positive("batch_size", batchSize);
        positive("max_steps", maxSteps);
        positive("learning_rate", learningRate);
        nonNegative("warmup_steps", warmupSteps);
        positive("lr_decay_power", lrDecayPower);
        nonNegative("weight_decay", weightDecay);
        fraction("adam_beta1", adamBeta1);
        fraction("adam_beta2", adamBeta2);
        nonNegative("adam_epsilon", adamEpsilon);
        nonNegative("max_grad_norm", maxGradNorm);
        if (!(maskProb > 0 && maskProb < 1)) {
            throw new InvalidConfigValue("mask_prob", "must be in (0, 1), got " + maskProb);
        }
        if (maxPredictionsPerSeq == 0) {
            maxPredictionsPerSeq = derivedMaxPredictions(maskProb, maxSeqLength);
        }
        if (maxPredictionsPerSeq < 1 || maxPredictionsPerSeq > maxSeqLength) {
            throw new InvalidConfigValue("max_predictions_per_seq",
                    "must be in [1, max_seq_length " + maxSeqLength + "], got " + maxPredictionsPerSeq);
        }
        nonNegative("disc_weight", discWeight);
        nonNegative("gen_weight", genWeight);
        positive("temperature", temperature);
        positive("log_every", logEvery);
        positive("checkpoint_every", checkpointEvery);
        positive("keep_checkpoints", keepCheckpoints);
        nonNegative("max_examples", maxExamples);
    }

    /** ELECTRA's {@code int((mask_prob + 0.005) * max_seq_length)}: 19 for 0.15 and 128. */
    public static int derivedMaxPredictions(double maskProb, int maxSeqLength) {
        return Math.max(1, (int) ((maskProb + 0.005) * maxSeqLength));
    }

    /** ELECTRA-Small: seq 128, batch 128, 1M steps, lr 5e-4, warmup 10k, λ 50. */
    public static PretrainSection electraSmall() {
        return new PretrainSection(128, 128, 1_000_000, 5e-4, 10_000, 1.0, 0.01, 0.9, 0.999, 1e-6, false, 1.0,
                0.15, 0, 50.0, 1.0, 1.0, 200, 1000, 5, 0);
    }
}
