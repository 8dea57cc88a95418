package dev.electrabench.core.optim;

/**
 * Hyper-parameters of {@link AdamW}. The learning rate is not here: it changes every step and is
 * passed to {@link AdamW#step}.
 *
 * @param beta1          first-moment decay (ELECTRA 0.9)
 * @param beta2          second-moment decay (ELECTRA 0.999)
 * @param epsilon        added to sqrt(v) (ELECTRA 1e-6)
 * @param weightDecay    decoupled decay rate, update += weightDecay · param (ELECTRA pre-training 0.01)
 * @param biasCorrection divide m and v by (1 − β^t) as in Kingma &amp; Ba; ELECTRA does not (false)
 * @param maxGradNorm    global gradient-norm clip; 0 disables clipping (ELECTRA 1.0)
 */
public record AdamWConfig(
        double beta1, double beta2, double epsilon, double weightDecay, boolean biasCorrection, double maxGradNorm) {

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1): " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1): " + beta2);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0: " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0: " + weightDecay);
        }
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
            throw new IllegalArgumentException("maxGradNorm must be finite and >= 0 (0 = no clipping): " + maxGradNorm);
        }
    }

    /** ELECTRA pre-training: β 0.9/0.999, ε 1e-6, decay 0.01, no bias correction, clip 1.0. */
    public static AdamWConfig electra() {
        return new AdamWConfig(0.9, 0.999, 1e-6, 0.01, false, 1.0);
    }

    public AdamWConfig withWeightDecay(double rate) {
        return new AdamWConfig(beta1, beta2, epsilon, rate, biasCorrection, maxGradNorm);
    }

    public AdamWConfig withBiasCorrection(boolean on) {
        return new AdamWConfig(beta1, beta2, epsilon, weightDecay, on, maxGradNorm);
    }

    public AdamWConfig withMaxGradNorm(double clip) {
        return new AdamWConfig(beta1, beta2, epsilon, weightDecay, biasCorrection, clip);
    }
}
