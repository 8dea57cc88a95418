package dev.electrabench.core.engine;

import dev.electrabench.core.pretrain.PretrainingFeeds;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A masked batch's placeholders ({@link PretrainingFeeds#maskedLm}) as flat Java arrays of a fixed shape,
 * refilled by {@link #read} every step: ids, segments and mask [B·T]; the masked slots as rows b·T + position
 * of the [B·T, ·] activations, with their targets and weights [B·P].
 */
final class MaskedBatchInputs {
    final int batch;
    final int seq;
    final int slotsPerRow;
    final int[] ids;
    final int[] segments;
    final int[] mask;
    final int[] slotRows;
    final int[] targets;
    final float[] weights;

    private MaskedBatchInputs(int batch, int seq, int slotsPerRow) {
        this.batch = batch;
        this.seq = seq;
        this.slotsPerRow = slotsPerRow;
        this.ids = new int[batch * seq];
        this.segments = new int[batch * seq];
        this.mask = new int[batch * seq];
        this.slotRows = new int[batch * slotsPerRow];
        this.targets = new int[batch * slotsPerRow];
        this.weights = new float[batch * slotsPerRow];
    }

    /** Arrays shaped for {@code feed}: {@code previous} when its shape fits, else new ones. */
    static MaskedBatchInputs shapedFor(Map<String, INDArray> feed, MaskedBatchInputs previous) {
        INDArray ids = FeedReader.require(feed, PretrainingFeeds.INPUT_IDS);
        int b = (int) ids.size(0);
        int t = (int) ids.size(1);
        int p = (int) FeedReader.require(feed, PretrainingFeeds.MASKED_POSITIONS).size(1);
        if (previous != null && previous.batch == b && previous.seq == t && previous.slotsPerRow == p) {
            return previous;
        }
        return new MaskedBatchInputs(b, t, p);
    }

    void read(Map<String, INDArray> feed) {
        FeedReader.ints(feed, PretrainingFeeds.INPUT_IDS, ids);
        FeedReader.ints(feed, PretrainingFeeds.TOKEN_TYPE_IDS, segments);
        FeedReader.ints(feed, PretrainingFeeds.ATTENTION_MASK, mask);
        FeedReader.ints(feed, PretrainingFeeds.MASKED_POSITIONS, slotRows);
        FeedReader.ints(feed, PretrainingFeeds.MASKED_IDS, targets);
        FeedReader.floats(feed, PretrainingFeeds.MASKED_WEIGHTS, weights);
        for (int i = 0; i < slotRows.length; i++) {
            slotRows[i] += (i / slotsPerRow) * seq;
        }
    }
}
