package dev.electrabench.core.pretrain;

/**
 * Dynamic masking settings. Of the positions chosen for prediction, a fraction {@code maskTokenProb} is
 * replaced by [MASK], {@code randomTokenProb} by a random word piece, and the rest left unchanged.
 *
 * @param maskProb             fraction of an example's tokens to predict (ELECTRA/BERT: 0.15)
 * @param maxPredictionsPerSeq cap on predictions per example (= the [B][P] width of {@link MaskedBatch})
 * @param maskTokenProb        chosen positions replaced by [MASK]
 * @param randomTokenProb      chosen positions replaced by a random non-special token
 */
public record MaskingConfig(double maskProb, int maxPredictionsPerSeq, double maskTokenProb, double randomTokenProb) {

    public MaskingConfig {
        if (!(maskProb > 0 && maskProb <= 1)) {
            throw new IllegalArgumentException("maskProb must be in (0, 1], got " + maskProb);
        }
        if (maxPredictionsPerSeq < 1) {
            throw new IllegalArgumentException("maxPredictionsPerSeq must be ≥ 1, got " + maxPredictionsPerSeq);
        }
        if (!(maskTokenProb >= 0 && randomTokenProb >= 0 && maskTokenProb + randomTokenProb <= 1 + 1e-12)) {
            throw new IllegalArgumentException("need maskTokenProb, randomTokenProb ≥ 0 with sum ≤ 1, got "
                    + maskTokenProb + " and " + randomTokenProb);
        }
    }

    /** google-research/electra pretrain_helpers.mask: 15%, 85% [MASK] / 15% unchanged / no random tokens. */
    public static MaskingConfig electra(int seqLength) {
        return new MaskingConfig(0.15, defaultMaxPredictions(0.15, seqLength), 0.85, 0.0);
    }

    /** BERT's recipe: 15%, 80% [MASK] / 10% random token / 10% unchanged. */
    public static MaskingConfig bert(int seqLength) {
        return new MaskingConfig(0.15, defaultMaxPredictions(0.15, seqLength), 0.8, 0.1);
    }

    /** configure_pretraining.py: {@code int((mask_prob + 0.005) * max_seq_length)} — 19 for 0.15 and 128. */
    public static int defaultMaxPredictions(double maskProb, int seqLength) {
        return (int) ((maskProb + 0.005) * seqLength);
    }

    public MaskingConfig withMaxPredictionsPerSeq(int max) {
        return new MaskingConfig(maskProb, max, maskTokenProb, randomTokenProb);
    }

    /** Chosen positions left unchanged. */
    public double keepProb() {
        return Math.max(0, 1 - maskTokenProb - randomTokenProb);
    }
}
