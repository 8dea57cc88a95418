package dev.electrabench.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RepresentationSpreadTest {

    /** Three rows of two positions, width 2; row 1's second position is padding and must not count. */
    @Test
    void meanOfPairwiseDistancesOfPooledRows() {
        float[] h = {
            0, 0,   2, 0,     // row 0 pools to (1, 0)
            4, 4,   99, 99,   // row 1: the padded position is ignored -> (4, 4)
            1, 3,   1, 5,     // row 2 pools to (1, 4)
        };
        int[] mask = {1, 1, 1, 0, 1, 1};
        FloatTensor t = FloatTensor.zeros(6, 2);
        for (int i = 0; i < h.length; i++) {
            t.set(i, h[i]);
        }
        double d01 = Math.hypot(3, 4);
        double d02 = Math.hypot(0, 4);
        double d12 = Math.hypot(3, 0);
        assertEquals((d01 + d02 + d12) / 3, RepresentationSpread.meanPairwiseDistance(t, mask, 3, 2, 2), 1e-6);
    }

    @Test
    void collapsedRowsHaveNoSpreadAndOneRowHasNone() {
        FloatTensor t = FloatTensor.zeros(4, 3);
        for (int i = 0; i < 12; i++) {
            t.set(i, (i % 3) + 0.5f); // every position the same vector
        }
        assertEquals(0.0, RepresentationSpread.meanPairwiseDistance(t, new int[] {1, 1, 1, 1}, 2, 2, 3), 1e-9);
        assertTrue(Double.isNaN(RepresentationSpread.meanPairwiseDistance(t, new int[] {1, 1, 0, 0}, 2, 2, 3)));
    }
}
