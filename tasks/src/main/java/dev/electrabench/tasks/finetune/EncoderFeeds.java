package dev.electrabench.tasks.finetune;

import dev.electrabench.tasks.features.InputFeature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The encoder placeholders ({@code input_ids}, {@code token_type_ids}, {@code attention_mask}) for a batch of rows. */
final class EncoderFeeds {
    private EncoderFeeds() {}

    /** [rows, length] arrays from the first {@code length} positions of each row. */
    static Map<String, INDArray> of(List<InputFeature> rows, int length) {
        int[][] ids = new int[rows.size()][];
        int[][] types = new int[rows.size()][];
        int[][] mask = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            InputFeature f = rows.get(i);
            ids[i] = java.util.Arrays.copyOf(f.inputIds(), length);
            types[i] = java.util.Arrays.copyOf(f.tokenTypeIds(), length);
            mask[i] = java.util.Arrays.copyOf(f.attentionMask(), length);
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("input_ids", Nd4j.createFromArray(ids));
        feed.put("token_type_ids", Nd4j.createFromArray(types));
        feed.put("attention_mask", Nd4j.createFromArray(mask));
        return feed;
    }

    /** The longest unpadded row: evaluation drops the all-padding columns after it. */
    static int longest(List<InputFeature> rows) {
        int n = 1;
        for (InputFeature f : rows) {
            n = Math.max(n, f.realLength());
        }
        return n;
    }
}
