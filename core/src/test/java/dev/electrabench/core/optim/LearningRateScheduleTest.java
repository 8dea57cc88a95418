package dev.electrabench.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** lr(t) = peak · (1 − t/T)^power · min(1, t/warmup), worked by hand for peak 1, T 1000, warmup 100. */
class LearningRateScheduleTest {
    private static final double TOL = 1e-12;

    @Test
    void linearDecayTimesWarmup() {
        LearningRateSchedule s = LearningRateSchedule.pretraining(1.0, 1000, 100, 1.0);
        assertEquals(0.0, s.at(0), TOL); // warmup factor 0: ELECTRA's first update has lr 0
        assertEquals(0.475, s.at(50), TOL); // (1 − 0.05) · 0.5
        assertEquals(0.9, s.at(100), TOL); // (1 − 0.1) · 1: warmup multiplies the decayed rate
        assertEquals(0.5, s.at(500), TOL); // (1 − 0.5) · 1
        assertEquals(0.0, s.at(1000), TOL);
        assertEquals(0.0, s.at(1500), TOL); // t clipped to T
    }

    @Test
    void decayPower() {
        LearningRateSchedule s = LearningRateSchedule.pretraining(2.0, 1000, 100, 2.0);
        assertEquals(2.0 * 0.95 * 0.95 * 0.5, s.at(50), TOL);
        assertEquals(2.0 * 0.25, s.at(500), TOL); // 2 · 0.5²
    }

    @Test
    void noWarmup() {
        LearningRateSchedule s = LearningRateSchedule.pretraining(1.0, 4, 0, 1.0);
        assertEquals(1.0, s.at(0), TOL);
        assertEquals(0.75, s.at(1), TOL);
    }

    @Test
    void fineTuningWarmupIsAProportionAndMayBeFractional() {
        LearningRateSchedule s = LearningRateSchedule.fineTuning(1e-4, 1000, 0.1); // warmup 100
        assertEquals(1e-4 * 0.95 * 0.5, s.at(50), TOL);
        assertEquals(1e-4 * 0.9, s.at(100), TOL);
        // T = 25, proportion 0.1 → warmup 2.5 steps (not rounded): lr(1) = (1 − 1/25) · (1/2.5) = 0.384
        assertEquals(0.384, LearningRateSchedule.fineTuning(1.0, 25, 0.1).at(1), TOL);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.pretraining(1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.pretraining(-1, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.fineTuning(1, 10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.pretraining(1, 10, 0, 1).at(-1));
    }
}
