package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.math.Seeds;
import java.util.SplittableRandom;

/**
 * The endless, seeded batch stream the pre-training loop reads. The stream is a sequence of example
 * slots: slot {@code p} is example {@code perm_e[p mod N]} of epoch {@code e = p / N}, where {@code perm_e}
 * is a shuffle of all N examples seeded from (seed, e). Epochs wrap around with a fresh order.
 *
 * <p>{@link #position()} is the number of slots consumed so far; a checkpoint stores it and a resumed run
 * calls {@link #seek(long)} with it: the same store, seed and position give the same subsequent batches,
 * whatever batch sizes were used before. Not thread-safe (one reader, the training loop).
 */
public final class PretrainingDataset {
    private final ExampleStore examples;
    private final long seed;
    private long position;
    private long orderEpoch = -1;
    private int[] order;

    public PretrainingDataset(ExampleStore examples, long seed) {
        if (examples.size() == 0) {
            throw new IllegalArgumentException("no pre-training examples (corpus empty or capped to nothing)");
        }
        this.examples = examples;
        this.seed = seed;
    }

    /** The next {@code batchSize} examples, padded to the store's sequence length. */
    public ExampleBatch next(int batchSize) {
        int seqLength = examples.seqLength();
        int[][] ids = new int[batchSize][seqLength];
        int[][] types = new int[batchSize][seqLength];
        int[][] mask = new int[batchSize][seqLength];
        for (int b = 0; b < batchSize; b++) {
            examples.get(exampleAt(position++)).padInto(ids[b], types[b], mask[b]);
        }
        return new ExampleBatch(ids, types, mask);
    }

    /** Slots consumed so far (examples, not batches). */
    public long position() {
        return position;
    }

    /** Continue from slot {@code position} (e.g. the value saved in a checkpoint). */
    public void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be ≥ 0, got " + position);
        }
        this.position = position;
    }

    /** The examples, in corpus order. */
    public ExampleStore examples() {
        return examples;
    }

    /** Examples in one epoch. */
    public int size() {
        return examples.size();
    }

    public int seqLength() {
        return examples.seqLength();
    }

    /** Index into the store of the example in slot {@code slot}. */
    public int exampleAt(long slot) {
        int n = examples.size();
        long epoch = slot / n;
        if (epoch != orderEpoch) {
            order = shuffledOrder(n, Seeds.derive(seed, "epoch-order", epoch));
            orderEpoch = epoch;
        }
        return order[(int) (slot % n)];
    }

    /** Fisher–Yates shuffle of 0..n-1. */
    private static int[] shuffledOrder(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
