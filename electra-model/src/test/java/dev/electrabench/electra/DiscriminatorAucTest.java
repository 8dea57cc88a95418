package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscriminatorAucTest {
    @Test
    void handWorkedExamples() {
        float[] all = {1, 1, 1, 1, 1};
        // perfect ranking, reversed ranking, and every score tied
        assertEquals(1.0, DiscriminatorAuc.of(new float[] {0.9f, 0.8f, 0.1f, 0.2f, 0.3f}, new float[] {1, 1, 0, 0, 0}, all));
        assertEquals(0.0, DiscriminatorAuc.of(new float[] {-3f, -2f, 1f, 2f, 3f}, new float[] {1, 1, 0, 0, 0}, all));
        assertEquals(0.5, DiscriminatorAuc.of(new float[] {2f, 2f, 2f, 2f, 2f}, new float[] {1, 0, 1, 0, 0}, all));
        // positives {0.4, 0.1}, negatives {0.3, 0.2, 0.1}: pairs won 3 + 0 + tie 0.5 = 3.5 of 6
        assertEquals(3.5 / 6, DiscriminatorAuc.of(new float[] {0.4f, 0.1f, 0.3f, 0.2f, 0.1f}, new float[] {1, 1, 0, 0, 0}, all),
                1e-12);
        // padding is ignored: the padded "positive" at 5.0 would otherwise win every pair
        assertEquals(0.0, DiscriminatorAuc.of(new float[] {-1f, 0f, 1f, 5f}, new float[] {1, 0, 0, 1}, new float[] {1, 1, 1, 0}));
        assertTrue(Double.isNaN(DiscriminatorAuc.of(new float[] {1f, 2f}, new float[] {0, 0}, new float[] {1, 1})));
    }

    @Test
    void equalsThePairCountingDefinitionOnRandomScores() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 500;
        float[] s = new float[n];
        float[] y = new float[n];
        float[] real = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) Math.round(r.nextGaussian() * 4) / 4f - 0.5f; // many ties, both signs
            y[i] = r.nextDouble() < 0.15 ? 1 : 0;
            real[i] = r.nextDouble() < 0.9 ? 1 : 0;
        }
        double won = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (real[i] == 1 && real[j] == 1 && y[i] == 1 && y[j] == 0) {
                    pairs++;
                    won += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(won / pairs, DiscriminatorAuc.of(s, y, real), 1e-12);
    }
}
