package dev.electrabench.core.optim;

/**
 * ELECTRA's learning rate ({@code create_optimizer}): TF {@code polynomial_decay} to 0 over
 * {@code totalSteps}, multiplied by a linear warmup factor:
 *
 * <pre>  lr(t) = peak · (1 − min(t, T)/T)^power · min(1, t / warmup)</pre>
 *
 * The warmup multiplies the already-decaying curve, so the peak actually reached at t = warmup is
 * {@code peak · (1 − warmup/T)^power}, not {@code peak}. {@code t} is TF's global_step: the number
 * of updates already applied ({@link AdamW#stepCount()}), so the very first update uses lr(0) = 0.
 *
 * @param peak        the configured learning rate
 * @param totalSteps  T, where the rate reaches 0 and stays
 * @param warmupSteps length of the warmup ramp; may be fractional ({@code T · proportion}); 0 = none
 * @param power       decay exponent, 1 = linear
 */
public record LearningRateSchedule(double peak, long totalSteps, double warmupSteps, double power) {

    public LearningRateSchedule {
        if (!(peak >= 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("peak learning rate must be finite and >= 0: " + peak);
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("total steps must be > 0: " + totalSteps);
        }
        if (!(warmupSteps >= 0) || Double.isInfinite(warmupSteps)) {
            throw new IllegalArgumentException("warmup steps must be finite and >= 0: " + warmupSteps);
        }
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("decay power must be finite and > 0: " + power);
        }
    }

    /** Pre-training: a fixed number of warmup steps ({@code num_warmup_steps}). */
    public static LearningRateSchedule pretraining(double peak, long totalSteps, long warmupSteps, double power) {
        return new LearningRateSchedule(peak, totalSteps, warmupSteps, power);
    }

    /**
     * Fine-tuning: linear decay with warmup over a proportion of the steps, as ELECTRA's
     * {@code max(T · warmup_proportion, 0)} (not rounded).
     */
    public static LearningRateSchedule fineTuning(double peak, long totalSteps, double warmupProportion) {
        if (!(warmupProportion >= 0 && warmupProportion <= 1)) {
            throw new IllegalArgumentException("warmup proportion must be in [0, 1]: " + warmupProportion);
        }
        return new LearningRateSchedule(peak, totalSteps, totalSteps * warmupProportion, 1.0);
    }

    /** The rate for the update taken when {@code step} updates have already been applied. */
    public double at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        double t = Math.min(step, totalSteps);
        double decayed = peak * Math.pow(1 - t / totalSteps, power);
        double warmup = warmupSteps > 0 ? Math.min(1.0, step / warmupSteps) : 1.0;
        return decayed * warmup;
    }
}
