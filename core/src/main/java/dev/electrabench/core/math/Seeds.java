package dev.electrabench.core.math;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent RNG seeds from one run seed, so every random decision (example building, epoch
 * order, the masks of step N) can be reproduced on its own — e.g. after resuming at step N — without
 * replaying the random draws that came before it.
 */
public final class Seeds {
    private Seeds() {}

    /** A seed for the stream named {@code purpose}, number {@code index}, of the run seeded by {@code seed}. */
    public static long derive(long seed, String purpose, long index) {
        long h = mix64(seed ^ 0x243F6A8885A308D3L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix64(h ^ (b & 0xFF));
        }
        return mix64(h ^ mix64(index + 0x9E3779B97F4A7C15L));
    }

    /** Stafford's "mix13" finalizer (the one SplittableRandom uses): a bijection that scrambles all bits. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
