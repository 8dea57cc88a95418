package dev.electrabench.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-worked AdamW steps. Most use β1 = 0.5, β2 = 0.75, ε = 0.25 and lr = 0.1 so every quantity is
 * a short fraction; the arithmetic is in the comments. Arrays are float64 so the comparisons can be
 * tight; {@link #float32MatchesScalarReferenceWithElectraDefaults} covers float32.
 */
class AdamWTest {
    private static final double TOL = 1e-12;
    private static final AdamWConfig HAND = new AdamWConfig(0.5, 0.75, 0.25, 0.0, false, 0.0);

    private static INDArray vec(double... values) {
        return Nd4j.createFromArray(values);
    }

    private static Map<String, INDArray> grads(Object... nameThenValues) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            g.put((String) nameThenValues[i], vec((double[]) nameThenValues[i + 1]));
        }
        return g;
    }

    private static void assertValues(INDArray actual, double... expected) {
        assertArrayEquals(expected, actual.toDoubleVector(), TOL);
    }

    @Test
    void twoStepsWithoutBiasCorrectionOrDecay() {
        INDArray p = vec(1, -2);
        AdamW opt = new AdamW(HAND);
        opt.register("w", p);

        // step 1, g = [2, -4]: m = 0.5·g = [1, -2]; v = 0.25·g² = [1, 4]; sqrt v = [1, 2]
        // update = m / (sqrt v + 0.25) = [1/1.25, -2/2.25] = [0.8, -8/9]
        // p = [1 - 0.08, -2 + 0.8/9] = [0.92, -86/45]
        double norm = opt.step(grads("w", new double[] {2, -4}), 0.1);
        assertEquals(Math.sqrt(20), norm, TOL); // ‖[2, -4]‖ = √20
        assertValues(p, 0.92, -86.0 / 45);
        assertValues(opt.stateArrays().get("w#m"), 1, -2);
        assertValues(opt.stateArrays().get("w#v"), 1, 4);
        assertEquals(1, opt.stepCount());

        // step 2, g = [1, 2]: m = 0.5·[1, -2] + 0.5·[1, 2] = [1, 0]; v = 0.75·[1, 4] + 0.25·[1, 4] = [1, 4]
        // update = [1/1.25, 0/2.25] = [0.8, 0]; p = [0.92 - 0.08, -86/45] = [0.84, -86/45]
        opt.step(grads("w", new double[] {1, 2}), 0.1);
        assertValues(p, 0.84, -86.0 / 45);
        assertEquals(2, opt.stepCount());
    }

    @Test
    void biasCorrectionDividesMomentsByOneMinusBetaToTheT() {
        INDArray p = vec(1, -2);
        AdamW opt = new AdamW(HAND.withBiasCorrection(true));
        opt.register("w", p);

        // t = 1: c1 = 1 - 0.5 = 0.5, c2 = 1 - 0.75 = 0.25
        // m̂ = [1, -2]/0.5 = [2, -4]; v̂ = [1, 4]/0.25 = [4, 16]; sqrt = [2, 4]
        // update = [2/2.25, -4/4.25] = [8/9, -16/17]; p = [1 - 0.8/9, -2 + 1.6/17]
        opt.step(grads("w", new double[] {2, -4}), 0.1);
        double p0 = 1 - 0.8 / 9;
        double p1 = -2 + 1.6 / 17;
        assertValues(p, p0, p1);

        // t = 2: m = [1, 0], v = [1, 4] (as in the test above); c1 = 1 - 0.25 = 3/4, c2 = 1 - 0.5625 = 7/16
        // m̂ = [4/3, 0]; v̂ = [16/7, 64/7]; sqrt v̂ = [4/√7, 8/√7]
        // update = [(4/3) / (4/√7 + 0.25), 0]
        opt.step(grads("w", new double[] {1, 2}), 0.1);
        assertValues(p, p0 - 0.1 * (4.0 / 3) / (4 / Math.sqrt(7) + 0.25), p1);
    }

    @Test
    void decoupledWeightDecaySkipsLayerNormAndBias() {
        AdamW opt = new AdamW(new AdamWConfig(0.5, 0.75, 0.25, 0.5, false, 0.0));
        INDArray weight = vec(1, -2);
        INDArray norm = vec(1, -2);
        INDArray bias = vec(1, -2);
        opt.register("electra.encoder.layer.0.intermediate.dense.weight", weight);
        opt.register("electra.encoder.layer.0.attention.output.LayerNorm.weight", norm);
        opt.register("electra.encoder.layer.0.intermediate.dense.bias", bias);
        double[] g = {2, -4};
        opt.step(grads("electra.encoder.layer.0.intermediate.dense.weight", g,
                "electra.encoder.layer.0.attention.output.LayerNorm.weight", g.clone(),
                "electra.encoder.layer.0.intermediate.dense.bias", g.clone()), 0.1);

        // decayed: update = [0.8, -8/9] + 0.5·[1, -2] = [1.3, -17/9]; p = [1 - 0.13, -2 + 1.7/9]
        assertValues(weight, 0.87, -2 + 1.7 / 9);
        // excluded: plain Adam step as in twoStepsWithoutBiasCorrectionOrDecay
        assertValues(norm, 0.92, -86.0 / 45);
        assertValues(bias, 0.92, -86.0 / 45);
    }

    @Test
    void exclusionRuleFollowsHfNames() {
        assertTrue(AdamW.excludedFromWeightDecay("electra.encoder.layer.0.attention.output.LayerNorm.weight"));
        assertTrue(AdamW.excludedFromWeightDecay("electra.embeddings.LayerNorm.bias"));
        assertTrue(AdamW.excludedFromWeightDecay("generator_predictions.layer_norm.weight"));
        assertTrue(AdamW.excludedFromWeightDecay("electra.encoder.layer.3.output.dense.bias"));
        assertTrue(AdamW.excludedFromWeightDecay("classifier.bias"));
        assertFalse(AdamW.excludedFromWeightDecay("electra.encoder.layer.3.output.dense.weight"));
        assertFalse(AdamW.excludedFromWeightDecay("electra.embeddings.word_embeddings.weight"));

        AdamW opt = new AdamW(AdamWConfig.electra());
        opt.register("a.dense.weight", vec(1));
        opt.register("a.dense.bias", vec(1));
        assertTrue(opt.decays("a.dense.weight"));
        assertFalse(opt.decays("a.dense.bias"));
        AdamW noDecay = new AdamW(AdamWConfig.electra().withWeightDecay(0));
        noDecay.register("a.dense.weight", vec(1));
        assertFalse(noDecay.decays("a.dense.weight"));
    }

    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        AdamW opt = new AdamW(HAND.withMaxGradNorm(1.0));
        INDArray a = vec(1, 1);
        INDArray b = vec(1, 1);
        opt.register("a", a);
        opt.register("b", b);
        // global norm = √(3² + 4²) = 5 > 1: both gradients scaled by 1/5 → [0.6, 0] and [0, 0.8]
        double norm = opt.step(grads("a", new double[] {3, 0}, "b", new double[] {0, 4}), 0.1);
        assertEquals(5.0, norm, TOL);
        // a: m = 0.5·0.6 = 0.3; v = 0.25·0.36 = 0.09; update = 0.3/(0.3 + 0.25) = 6/11 (unclipped: 1.5/1.75 = 6/7)
        //    second entry: m = v = 0 → update 0
        assertValues(a, 1 - 0.6 / 11, 1);
        // b: m = 0.4; v = 0.25·0.64 = 0.16; update = 0.4/(0.4 + 0.25) = 8/13
        assertValues(b, 1, 1 - 0.8 / 13);
        assertValues(opt.stateArrays().get("a#m"), 0.3, 0);
        assertValues(opt.stateArrays().get("b#v"), 0, 0.16);
    }

    @Test
    void gradientsBelowTheClipAreUntouched() {
        AdamW opt = new AdamW(HAND.withMaxGradNorm(10.0));
        INDArray p = vec(1, -2);
        opt.register("w", p);
        assertEquals(Math.sqrt(20), opt.step(grads("w", new double[] {2, -4}), 0.1), TOL);
        assertValues(p, 0.92, -86.0 / 45); // same as without clipping
    }

    @Test
    void lrMultiplierScalesTheStep() {
        AdamW opt = new AdamW(HAND);
        INDArray p = vec(1, -2);
        opt.register("w", p);
        opt.setLrMultiplier("w", 0.5);
        assertEquals(0.5, opt.lrMultiplier("w"));
        opt.step(grads("w", new double[] {2, -4}), 0.1);
        // effective lr 0.05: p = [1 - 0.05·0.8, -2 + 0.05·8/9]
        assertValues(p, 0.96, -2 + 0.4 / 9);
    }

    @Test
    void zeroLearningRateMovesOnlyTheMoments() {
        AdamW opt = new AdamW(AdamWConfig.electra());
        INDArray p = vec(1, -2);
        opt.register("w", p);
        opt.step(grads("w", new double[] {0.5, 0.5}), 0.0);
        assertValues(p, 1, -2);
        assertValues(opt.stateArrays().get("w#m"), 0.05, 0.05); // (1 - 0.9)·0.5
    }

    @Test
    void parameterWithoutGradientIsLeftAlone() {
        AdamW opt = new AdamW(HAND);
        INDArray p = vec(1, -2);
        INDArray frozen = vec(3, 4);
        opt.register("w", p);
        opt.register("frozen", frozen);
        opt.step(grads("w", new double[] {2, -4}), 0.1);
        assertValues(frozen, 3, 4);
        assertValues(opt.stateArrays().get("frozen#m"), 0, 0);
        assertValues(opt.stateArrays().get("frozen#v"), 0, 0);
    }

    @Test
    void nonFiniteGradientThrowsAndChangesNothing() {
        AdamW opt = new AdamW(AdamWConfig.electra());
        INDArray p = vec(1, -2);
        INDArray q = vec(3, 4);
        opt.register("p", p);
        opt.register("q", q);
        opt.step(grads("p", new double[] {0.5, 0.5}, "q", new double[] {0.5, 0.5}), 0.1);
        INDArray pBefore = p.dup();
        INDArray qBefore = q.dup();
        INDArray mBefore = opt.stateArrays().get("p#m").dup();
        // p comes first, so its gradient is finite and would be updated if the check came late
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Map<String, INDArray> g = grads("p", new double[] {0.5, 0.5}, "q", new double[] {1, bad});
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.step(g, 0.1));
            assertTrue(e.getMessage().contains("q"), e.getMessage());
            assertEquals(pBefore, p);
            assertEquals(qBefore, q);
            assertEquals(mBefore, opt.stateArrays().get("p#m"));
            assertValues(g.get("p"), 0.5, 0.5);
            assertEquals(1, opt.stepCount());
        }
    }

    @Test
    void nonFiniteFloat32GradientIsCaughtOnTheFusedPath() {
        AdamW opt = new AdamW(AdamWConfig.electra());
        INDArray p = Nd4j.createFromArray(1f, -2f);
        opt.register("p", p);
        for (float bad : new float[] {Float.NaN, Float.NEGATIVE_INFINITY}) {
            INDArray g = Nd4j.createFromArray(0.5f, bad);
            assertTrue(AdamWCpuKernel.applies(g));
            assertThrows(IllegalStateException.class, () -> opt.step(Map.of("p", g), 0.1));
            assertArrayEquals(new float[] {1f, -2f}, p.toFloatVector(), 0f);
            assertEquals(0, opt.stepCount());
        }
    }

    @Test
    void mismatchedOrUnknownGradientIsRejected() {
        AdamW opt = new AdamW(AdamWConfig.electra());
        opt.register("w", vec(1, -2));
        assertThrows(IllegalArgumentException.class, () -> opt.step(grads("x", new double[] {1, 1}), 0.1));
        assertThrows(IllegalArgumentException.class, () -> opt.step(grads("w", new double[] {1, 1, 1}), 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> opt.step(Map.of("w", Nd4j.createFromArray(new double[][] {{1}, {1}})), 0.1)); // [2,1] vs [2]
        assertThrows(IllegalArgumentException.class,
                () -> opt.step(Map.of("w", Nd4j.createFromArray(1f, 1f)), 0.1)); // float vs double
        assertThrows(IllegalArgumentException.class, () -> opt.register("w", vec(1)));
        assertThrows(IllegalArgumentException.class, () -> opt.setLrMultiplier("nope", 1));
    }

    @Test
    void restoredStateGivesTheIdenticalNextStep() {
        AdamWConfig cfg = AdamWConfig.electra().withBiasCorrection(true); // makes the step count matter
        double[] g1 = {0.3, -0.7, 0.05};
        double[] g2 = {-0.2, 0.4, 0.9};

        INDArray original = Nd4j.createFromArray(1f, -2f, 0.5f);
        AdamW a = new AdamW(cfg);
        a.register("encoder.dense.weight", original);
        a.step(Map.of("encoder.dense.weight", Nd4j.createFromArray(g1).castTo(DataType.FLOAT)), 1e-2);
        Map<String, INDArray> saved = new HashMap<>();
        a.stateArrays().forEach((k, v) -> saved.put(k, v.dup()));
        INDArray savedParam = original.dup();
        long savedSteps = a.stepCount();
        a.step(Map.of("encoder.dense.weight", Nd4j.createFromArray(g2).castTo(DataType.FLOAT)), 1e-2);

        AdamW b = new AdamW(cfg);
        INDArray resumed = savedParam.dup();
        b.register("encoder.dense.weight", resumed);
        b.restoreState(saved, savedSteps);
        b.step(Map.of("encoder.dense.weight", Nd4j.createFromArray(g2).castTo(DataType.FLOAT)), 1e-2);

        assertArrayEquals(original.toFloatVector(), resumed.toFloatVector(), 0f); // bit-exact
        assertEquals(a.stateArrays(), b.stateArrays());
        assertEquals(2, b.stepCount());
    }

    @Test
    void restoreRejectsIncompleteOrForeignState() {
        AdamW opt = new AdamW(AdamWConfig.electra());
        opt.register("w", vec(1, 2));
        assertThrows(IllegalArgumentException.class, () -> opt.restoreState(Map.of("w#m", vec(0, 0)), 1));
        assertThrows(IllegalArgumentException.class,
                () -> opt.restoreState(Map.of("w#m", vec(0, 0), "w#v", vec(0)), 1));
        assertThrows(IllegalArgumentException.class,
                () -> opt.restoreState(Map.of("w#m", vec(0, 0), "w#v", vec(0, 0), "x#m", vec(0)), 1));
    }

    /**
     * float32 arrays against a scalar float64 transcription of ELECTRA's update (written out below,
     * independent of ND4J), with the ELECTRA defaults, decay, and clipping active on odd steps. Dense
     * arrays take the fused CPU kernel; row views (offset &gt; 0) take the ND4J-op path.
     */
    @Test
    void float32MatchesScalarReferenceWithElectraDefaults() {
        for (boolean view : new boolean[] {false, true}) {
            for (boolean biasCorrection : new boolean[] {false, true}) {
                checkAgainstReference(view, biasCorrection);
            }
        }
    }

    private static INDArray float32(double[] values, boolean view) {
        INDArray dense = Nd4j.createFromArray(values).castTo(DataType.FLOAT);
        if (!view) {
            return dense;
        }
        INDArray holder = Nd4j.create(DataType.FLOAT, 3, values.length);
        holder.getRow(1).assign(dense);
        return holder.getRow(1);
    }

    private static void checkAgainstReference(boolean view, boolean biasCorrection) {
        AdamWConfig cfg = AdamWConfig.electra().withBiasCorrection(biasCorrection);
        Random rnd = new Random(7);
        String[] names = {"encoder.dense.weight", "encoder.dense.bias"};
        int n = 50;
        double[][] ref = new double[2][n];
        double[][] m = new double[2][n];
        double[][] v = new double[2][n];
        AdamW opt = new AdamW(cfg);
        INDArray[] params = new INDArray[2];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < n; i++) {
                ref[k][i] = (float) rnd.nextGaussian();
            }
            params[k] = float32(ref[k], view);
            opt.register(names[k], params[k]);
        }
        for (int t = 1; t <= 5; t++) {
            double lr = 0.01 * t;
            double gradScale = t % 2 == 0 ? 0.02 : 0.5; // norms ≈ 0.2 and ≈ 5: clipping on odd steps
            double[][] g = new double[2][n];
            Map<String, INDArray> gradients = new HashMap<>();
            double sq = 0;
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < n; i++) {
                    g[k][i] = (float) (gradScale * rnd.nextGaussian());
                    sq += g[k][i] * g[k][i];
                }
                gradients.put(names[k], float32(g[k], false));
                assertEquals(!view, AdamWCpuKernel.applies(params[k], params[k].dup(), params[k].dup(),
                        gradients.get(names[k])), "kernel path");
            }
            double norm = Math.sqrt(sq);
            double clip = norm > 1.0 ? 1.0 / norm : 1.0;
            assertEquals(norm, opt.step(gradients, lr), 1e-5 * norm);
            for (int k = 0; k < 2; k++) {
                boolean decay = k == 0;
                for (int i = 0; i < n; i++) {
                    double gi = g[k][i] * clip;
                    m[k][i] = 0.9 * m[k][i] + 0.1 * gi;
                    v[k][i] = 0.999 * v[k][i] + 0.001 * gi * gi;
                    double mh = biasCorrection ? m[k][i] / (1 - Math.pow(0.9, t)) : m[k][i];
                    double vh = biasCorrection ? v[k][i] / (1 - Math.pow(0.999, t)) : v[k][i];
                    double update = mh / (Math.sqrt(vh) + 1e-6) + (decay ? 0.01 * ref[k][i] : 0);
                    ref[k][i] -= lr * update;
                }
                float[] actual = params[k].toFloatVector();
                for (int i = 0; i < n; i++) {
                    assertEquals(ref[k][i], actual[i], 2e-5,
                            "view=" + view + " bias=" + biasCorrection + " t=" + t + " " + names[k]);
                }
            }
        }
    }
}
