package dev.electrabench.core.engine;

import dev.electrabench.core.pretrain.MaskedBatch;

/**
 * A {@link MaskedBatch} as the flat row-major arrays the engine's kernels read, refilled by {@link #read}
 * every step: ids, segments and mask [B·T]; the masked slots as rows b·T + position of the [B·T, ·]
 * activations, with their targets and weights [B·P]. The arrays are the engine's buffers, exposed as
 * fields on purpose (no copies on the hot path); only {@link #read} writes them.
 */
public final class MaskedBatchInputs {
    public final int batch;
    public final int seq;
    public final int slotsPerRow;
    public final int[] ids;
    public final int[] segments;
    public final int[] mask;
    public final int[] slotRows;
    public final int[] targets;
    public final float[] weights;

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

    /** Arrays shaped for {@code b}: {@code previous} when its shape fits, else new ones. */
    public static MaskedBatchInputs shapedFor(MaskedBatch b, MaskedBatchInputs previous) {
        if (previous != null && previous.batch == b.batchSize() && previous.seq == b.seqLength()
                && previous.slotsPerRow == b.maxPredictions()) {
            return previous;
        }
        return new MaskedBatchInputs(b.batchSize(), b.seqLength(), b.maxPredictions());
    }

    public void read(MaskedBatch b) {
        flatten(b.inputIds(), seq, ids);
        flatten(b.tokenTypeIds(), seq, segments);
        flatten(b.attentionMask(), seq, mask);
        flatten(b.maskedPositions(), slotsPerRow, slotRows);
        flatten(b.maskedIds(), slotsPerRow, targets);
        for (int r = 0; r < batch; r++) {
            System.arraycopy(b.maskedWeights()[r], 0, weights, r * slotsPerRow, slotsPerRow);
        }
        for (int i = 0; i < slotRows.length; i++) {
            slotRows[i] += (i / slotsPerRow) * seq;
        }
    }

    /** Copies the rows of {@code rows} [batch][width] into {@code out} [batch·width]. */
    public static void flatten(int[][] rows, int width, int[] out) {
        if (rows.length * width != out.length) {
            throw new IllegalArgumentException("expected " + out.length / width + " rows of " + width + ", got " + rows.length);
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + width);
            }
            System.arraycopy(rows[r], 0, out, r * width, width);
        }
    }
}
