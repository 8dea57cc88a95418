package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.ProgressFormat;
import org.junit.jupiter.api.Test;

/** The whole comparison's time left, from hand-computed rates. */
class OverallEtaTest {

    @Test
    void ratesMeasuredSoFarPredictTheRest() {
        OverallEta eta = new OverallEta(3000, 2, 4);
        assertTrue(Double.isNaN(eta.secondsLeft()));
        assertEquals("compare: pre-training 0/2 models, fine-tuning 0/4 runs; ETA after the first pre-training", eta.line());

        eta.pretrained(1000, 20); // 0.02 s per FLOP: the other model's 2000 FLOPs take 40 s; runs still unknown
        assertTrue(Double.isNaN(eta.secondsLeft()));
        assertEquals("compare: pre-training 1/2 models, fine-tuning 0/4 runs; ETA after the first fine-tuning run", eta.line());

        eta.pretrained(2000, 40);
        eta.fineTuned(5);
        eta.fineTuned(7); // 6 s a run, 2 left
        assertEquals(12.0, eta.secondsLeft(), 1e-9);
        assertEquals("compare: pre-training 2/2 models, fine-tuning 2/4 runs; ETA " + ProgressFormat.duration(12), eta.line());
    }

    @Test
    void pretrainingLeftIsPricedAtTheMeasuredRate() {
        OverallEta eta = new OverallEta(3000, 2, 2);
        eta.pretrained(1000, 20);
        eta.fineTuned(3); // a run read back from an earlier process still prices the rest
        // 2000 FLOPs at 0.02 s + 1 run at 3 s
        assertEquals(43.0, eta.secondsLeft(), 1e-9);
    }

    @Test
    void aResumeDoesNotPriceFromRunsItDidNotTime() {
        OverallEta eta = new OverallEta(3000, 2, 2);
        eta.pretrained(1000, 0); // done before this process: no rate
        assertTrue(Double.isNaN(eta.secondsLeft()));
        assertTrue(eta.line().endsWith("ETA after the first pre-training"), eta.line());
    }
}
