package dev.electrabench.core.math;


/**
 * The engine's counter-based random bits: draw i of stream (step seed, site) is a hash of the stream's key
 * and i, so a step's dropout masks and samples depend on nothing but its seed (bit-exact resume), and not on
 * threads or call order.
 */
public final class CounterRng {
    /** 2^64/φ, the SplitMix64 increment: consecutive counters land far apart before mixing. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRng() {}

    /** The key of stream (stepSeed, site). */
    public static long key(long stepSeed, long site) {
        return Seeds.mix64(stepSeed * GOLDEN + site);
    }

    /** 64 random bits: draw {@code counter} of the stream with this key. */
    public static long bits(long key, long counter) {
        return Seeds.mix64(key + counter * GOLDEN);
    }
}
