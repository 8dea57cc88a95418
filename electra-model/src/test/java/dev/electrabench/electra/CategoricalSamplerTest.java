package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.SoftmaxCrossEntropyKernel;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sample frequencies match softmax((logits + bias)/T), and the draws are a function of the seed. */
class CategoricalSamplerTest {
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 2.0})
    void frequenciesMatchTheSoftmax(double temperature) {
        float[] row = {1.5f, -0.5f, 0.0f, 2.0f, -30f};
        float[] bias = {0.1f, 0.2f, -0.3f, 0f, 0f};
        int classes = row.length;
        int rows = 40_000;
        FloatTensor logits = FloatTensor.zeros(rows, classes);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < classes; j++) {
                logits.set(r * classes + j, row[j]);
            }
        }
        boolean[] active = new boolean[rows];
        Arrays.fill(active, true);
        int[] out = new int[rows];
        CategoricalSampler.sample(logits, bias, rows, classes, temperature, new CategoricalSampler.Draw(active, 17, 3, out));

        double[] p = new double[classes];
        double total = 0;
        for (int j = 0; j < classes; j++) {
            p[j] = Math.exp((row[j] + bias[j]) / temperature);
            total += p[j];
        }
        int[] counts = new int[classes];
        for (int c : out) {
            counts[c]++;
        }
        for (int j = 0; j < classes; j++) {
            double expected = p[j] / total;
            double sigma = Math.sqrt(expected * (1 - expected) / rows);
            assertEquals(expected, counts[j] / (double) rows, 5 * sigma + 1e-9, "class " + j);
        }
        int[] again = new int[rows];
        CategoricalSampler.sample(logits, bias, rows, classes, temperature, new CategoricalSampler.Draw(active, 17, 3, again));
        assertArrayEquals(out, again);
        if (temperature == 1.0) { // the draw fused into the cross-entropy pass is the same draw
            int[] fused = new int[rows];
            SoftmaxCrossEntropyKernel.apply(logits, bias, rows, classes, new int[rows], new float[rows], 1.0,
                    new CategoricalSampler.Draw(active, 17, 3, fused), new double[rows], new boolean[rows]);
            assertArrayEquals(out, fused);
        }
    }
}
