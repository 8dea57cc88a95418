/**
 * Numerics every other package builds on, and a leaf: it imports nothing of the project. Element-wise
 * loops on JDK 17's Vector API with a scalar fallback that gives the same results up to float rounding
 * ({@link dev.electrabench.core.math.ArrayMath}), a polynomial {@code exp} whose bits do not depend on JIT
 * timing, work split over the cores in a fixed chunk order ({@link dev.electrabench.core.math.Parallel}),
 * per-thread scratch arrays, and the counter-based random numbers that make every draw a function of
 * (seed, step, site, index) ({@link dev.electrabench.core.math.Seeds}, {@link dev.electrabench.core.math.CounterRng}).
 */
package dev.electrabench.core.math;
