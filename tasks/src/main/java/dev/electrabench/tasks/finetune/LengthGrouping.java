package dev.electrabench.tasks.finetune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * HF's {@code LengthGroupedSampler} ({@code group_by_length}): an epoch's shuffled rows cut into mega-batches of
 * {@link #MEGA_BATCHES} batches, each sorted longest first, so that a batch holds rows of similar length and pads
 * little. The order is a function of the shuffled order alone, so a seed still gives one order.
 */
final class LengthGrouping {
    /** HF's {@code mega_batch_mult} default. */
    static final int MEGA_BATCHES = 50;

    private LengthGrouping() {}

    /** {@code shuffled} reordered: each run of {@code MEGA_BATCHES · batch} rows sorted by length, longest first (stable). */
    static <F> List<F> order(List<F> shuffled, ToIntFunction<F> length, int batch) {
        int mega = MEGA_BATCHES * batch;
        List<F> out = new ArrayList<>(shuffled.size());
        for (int from = 0; from < shuffled.size(); from += mega) {
            List<F> chunk = new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + mega)));
            chunk.sort(Comparator.comparingInt(length).reversed());
            out.addAll(chunk);
        }
        return out;
    }
}
