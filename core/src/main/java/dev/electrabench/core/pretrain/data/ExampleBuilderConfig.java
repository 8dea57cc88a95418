package dev.electrabench.core.pretrain.data;

/**
 * Settings of {@link ExampleBuilder}; {@link #electra(int)} gives build_pretraining_dataset.py's constants.
 *
 * @param maxLength         L, the padded example length including [CLS]/[SEP]
 * @param singleSegmentProb chance that an example has no second segment (first-segment target 100000)
 * @param overflowProb      chance that a sentence that would push the first segment past its target still
 *                          goes into it (only while the second segment is empty and the first is short)
 * @param randomLengthProb  chance that the next example's target length is drawn from U{minRandomLength..L}
 * @param minRandomLength   lower bound of that draw
 */
public record ExampleBuilderConfig(
        int maxLength, double singleSegmentProb, double overflowProb, double randomLengthProb, int minRandomLength) {

    /** ELECTRA's first-segment target when an example is to be single-segment. */
    static final int SINGLE_SEGMENT_TARGET = 100_000;

    public ExampleBuilderConfig {
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength must be at least 3 ([CLS] x [SEP]), got " + maxLength);
        }
        requireProbability("singleSegmentProb", singleSegmentProb);
        requireProbability("overflowProb", overflowProb);
        requireProbability("randomLengthProb", randomLengthProb);
        if (minRandomLength < 1 || minRandomLength > maxLength) {
            throw new IllegalArgumentException("minRandomLength must be in [1, maxLength], got " + minRandomLength);
        }
    }

    /** ELECTRA: 10% single-segment, 50% overflow, 5% random length in [5, L]. */
    public static ExampleBuilderConfig electra(int maxLength) {
        return new ExampleBuilderConfig(maxLength, 0.1, 0.5, 0.05, Math.min(5, maxLength));
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }
}
