package dev.electrabench.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationMetricsTest {

    @Test
    void pearsonByHand() {
        // x = 1 2 3 4 (mean 2.5), y = 2 4 5 9 (mean 5)
        // dx = -1.5 -0.5 0.5 1.5, dy = -3 -1 0 4: Σdxdy = 4.5+0.5+0+6 = 11, Σdx² = 5, Σdy² = 26 -> 11/sqrt(130)
        double r = CorrelationMetrics.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 9});
        assertEquals(11 / Math.sqrt(130), r, 1e-12);
        assertEquals(0.9647638, r, 1e-7); // scipy.stats.pearsonr gives 0.9647638212377322
    }

    @Test
    void tiesShareTheirAverageRank() {
        // sorted: 5 (rank 1), 10 (2), 20 20 20 (ranks 3,4,5 -> 4)
        assertArrayEquals(new double[] {2, 4, 4, 4, 1}, CorrelationMetrics.ranks(new double[] {10, 20, 20, 20, 5}), 0.0);
    }

    @Test
    void spearmanWithTiesByHand() {
        // ranks x = 1 2.5 2.5 4, ranks y = 1 3 2 4 (both mean 2.5)
        // dx = -1.5 0 0 1.5, dy = -1.5 0.5 -0.5 1.5: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 -> 4.5/sqrt(22.5)
        double rho = CorrelationMetrics.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4});
        assertEquals(4.5 / Math.sqrt(22.5), rho, 1e-12);
        assertEquals(0.9486833, rho, 1e-7); // scipy.stats.spearmanr gives 0.9486832980505139
    }

    @Test
    void spearmanIsOneForAnyMonotoneMap() {
        double[] x = {0.5, 3, 1, 4.75, 2};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]);
        }
        assertEquals(1.0, CorrelationMetrics.spearman(x, y), 1e-12);
        assertTrue(CorrelationMetrics.pearson(x, y) < 0.99);
    }

    @Test
    void constantSeriesHasNoCorrelation() {
        assertTrue(Double.isNaN(CorrelationMetrics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }
}
