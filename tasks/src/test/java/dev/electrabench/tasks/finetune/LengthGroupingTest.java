package dev.electrabench.tasks.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HF's length-grouped order: every row once, each mega-batch longest first, padding saved. */
class LengthGroupingTest {

    @Test
    void everyRowOnceEachMegaBatchLongestFirst() {
        int batch = 4;
        int mega = LengthGrouping.MEGA_BATCHES * batch;
        Random r = new Random(5);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < 2 * mega + 37; i++) {
            rows.add(new int[] {i, 1 + r.nextInt(120)}); // {id, length}
        }
        List<int[]> grouped = LengthGrouping.order(rows, x -> x[1], batch);

        assertEquals(rows.size(), grouped.size());
        List<Integer> ids = new ArrayList<>();
        grouped.forEach(x -> ids.add(x[0]));
        Collections.sort(ids);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, ids.get(i), "every row exactly once");
        }
        for (int from = 0; from < grouped.size(); from += mega) {
            List<int[]> chunk = grouped.subList(from, Math.min(grouped.size(), from + mega));
            // the same rows as that slice of the shuffled order, longest first
            List<Integer> want = new ArrayList<>();
            rows.subList(from, Math.min(rows.size(), from + mega)).forEach(x -> want.add(x[0]));
            List<Integer> got = new ArrayList<>();
            chunk.forEach(x -> got.add(x[0]));
            Collections.sort(want);
            Collections.sort(got);
            assertEquals(want, got, "a mega-batch keeps its rows");
            for (int i = 1; i < chunk.size(); i++) {
                assertTrue(chunk.get(i - 1)[1] >= chunk.get(i)[1], "longest first within a mega-batch");
            }
        }
        assertTrue(padded(grouped, batch) < padded(rows, batch), "grouping pads less");
    }

    /** Tokens a longest-padded epoch computes: each batch's longest row times its rows. */
    private static long padded(List<int[]> order, int batch) {
        long total = 0;
        for (int from = 0; from < order.size(); from += batch) {
            List<int[]> b = order.subList(from, Math.min(order.size(), from + batch));
            total += (long) b.size() * b.stream().mapToInt(x -> x[1]).max().orElse(0);
        }
        return total;
    }
}
