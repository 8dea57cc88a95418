package dev.electrabench.results.paired;

/** One fine-tuning seed's values of model A and model B (x 100); a seed measured twice contributes its mean. */
public record SeedPair(long seed, double a, double b) {
    public double difference() {
        return a - b;
    }
}
