package dev.electrabench.core.pretrain;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Placeholder names of the pre-training graphs and their values for a {@link MaskedBatch}. */
public final class PretrainingFeeds {
    public static final String INPUT_IDS = "input_ids";
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String ORIGINAL_IDS = "original_ids";
    public static final String MASKED_POSITIONS = "masked_positions";
    public static final String MASKED_IDS = "masked_ids";
    public static final String MASKED_WEIGHTS = "masked_weights";
    /** ELECTRA's discriminator input when it is fed instead of sampled (deterministic tests). */
    public static final String DISC_INPUT_IDS = "disc_input_ids";

    private PretrainingFeeds() {}

    /** Masked ids, segments, mask and the masked slots. */
    public static Map<String, INDArray> maskedLm(MaskedBatch b) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(INPUT_IDS, Nd4j.createFromArray(b.inputIds()));
        feed.put(TOKEN_TYPE_IDS, Nd4j.createFromArray(b.tokenTypeIds()));
        feed.put(ATTENTION_MASK, Nd4j.createFromArray(b.attentionMask()));
        feed.put(MASKED_POSITIONS, Nd4j.createFromArray(b.maskedPositions()));
        feed.put(MASKED_IDS, Nd4j.createFromArray(b.maskedIds()));
        feed.put(MASKED_WEIGHTS, Nd4j.createFromArray(b.maskedWeights()));
        return feed;
    }

    /** {@link #maskedLm} plus the clean ids (ELECTRA's discriminator targets). */
    public static Map<String, INDArray> withOriginal(MaskedBatch b) {
        Map<String, INDArray> feed = maskedLm(b);
        feed.put(ORIGINAL_IDS, Nd4j.createFromArray(b.originalIds()));
        return feed;
    }
}
