package dev.electrabench.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Dropout masks are keyed by (row, position, feature) of the full shape: a batch padded to fewer positions
 * draws, at the positions it has, the masks the full-length batch draws; at the full shape the row-wise
 * kernel is the flat one (pre-training's masks did not change).
 */
class DropoutKernelTest {
    static final int BATCH = 3;
    static final int MAX_SEQ = 10;
    static final int WIDTH = 6;

    private static FloatTensor ones(int n) {
        FloatTensor t = FloatTensor.zeros(n);
        t.fill(1f);
        return t;
    }

    @Test
    void aShorterBatchDrawsTheFullShapesMasksAtItsPositions() {
        FloatTensor full = ones(BATCH * MAX_SEQ * WIDTH);
        FloatTensor fullMask = FloatTensor.zeros(BATCH * MAX_SEQ * WIDTH);
        DropoutKernel.forwardRows(full, fullMask, BATCH * MAX_SEQ, WIDTH, WIDTH, MAX_SEQ, MAX_SEQ, 0.3, 77, 5);
        int seq = 7;
        FloatTensor shortBatch = ones(BATCH * seq * WIDTH);
        FloatTensor shortMask = FloatTensor.zeros(BATCH * seq * WIDTH);
        DropoutKernel.forwardRows(shortBatch, shortMask, BATCH * seq, WIDTH, WIDTH, seq, MAX_SEQ, 0.3, 77, 5);
        int dropped = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < seq; t++) {
                for (int h = 0; h < WIDTH; h++) {
                    float want = fullMask.get((b * MAX_SEQ + t) * WIDTH + h);
                    assertEquals(want, shortMask.get((b * seq + t) * WIDTH + h), "b" + b + " t" + t + " h" + h);
                    dropped += want == 0f ? 1 : 0;
                }
            }
        }
        assertTrue(dropped > 0 && dropped < BATCH * seq * WIDTH / 2, dropped + " dropped");
    }

    @Test
    void attentionRowsDrawTheFullShapesMasks() {
        // [B, heads, T, T] probabilities: rows of T keys in groups of T queries
        int heads = 2;
        FloatTensor fullMask = FloatTensor.zeros(BATCH * heads * MAX_SEQ * MAX_SEQ);
        DropoutKernel.forwardRows(ones(fullMask.size()), fullMask, BATCH * heads * MAX_SEQ, MAX_SEQ, MAX_SEQ, MAX_SEQ, MAX_SEQ,
                0.1, 9, 3);
        int seq = 4;
        FloatTensor shortMask = FloatTensor.zeros(BATCH * heads * seq * seq);
        DropoutKernel.forwardRows(ones(shortMask.size()), shortMask, BATCH * heads * seq, seq, MAX_SEQ, seq, MAX_SEQ, 0.1, 9, 3);
        for (int g = 0; g < BATCH * heads; g++) {
            for (int i = 0; i < seq; i++) {
                for (int j = 0; j < seq; j++) {
                    assertEquals(fullMask.get((g * MAX_SEQ + i) * MAX_SEQ + j), shortMask.get((g * seq + i) * seq + j));
                }
            }
        }
    }

    @Test
    void atTheFullShapeRowsAreTheFlatKernel() {
        int n = BATCH * MAX_SEQ * WIDTH;
        FloatTensor flatMask = FloatTensor.zeros(n);
        DropoutKernel.forward(ones(n), flatMask, n, 0.25, 12, 1);
        // an odd row count per call path: run the row-wise loop itself by giving it a non-trivial grouping
        FloatTensor rowMask = FloatTensor.zeros(n);
        DropoutKernel.forwardRows(ones(n), rowMask, BATCH * MAX_SEQ, WIDTH, WIDTH, MAX_SEQ / 2, MAX_SEQ / 2, 0.25, 12, 1);
        for (int i = 0; i < n; i++) {
            assertEquals(flatMask.get(i), rowMask.get(i), "element " + i);
        }
    }
}
