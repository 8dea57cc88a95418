package dev.electrabench.core.math;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over independent rows into a few contiguous chunks run on the common fork-join pool
 * (the machine has 2 cores). Each row's result depends only on that row, so the output does not depend on
 * how the rows were split.
 */
public final class Parallel {
    /** Below this many rows the fork costs more than it saves. */
    private static final int MIN_ROWS_PER_TASK = 16;
    private static final int TASKS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
            ForkJoinPool.getCommonPoolParallelism() + 1));

    /** A loop body over rows [from, to). */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    /** A loop body over elements [start, start + length) of a flat range. */
    @FunctionalInterface
    public interface Chunk {
        void run(int start, int length);
    }

    private Parallel() {}

    /** Runs {@code body} over [0, n) in chunks of {@code chunk} elements (the last one shorter), split over the cores. */
    public static void chunks(int n, int chunk, Chunk body) {
        range((n + chunk - 1) / chunk, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int start = c * chunk;
                body.run(start, Math.min(chunk, n - start));
            }
        });
    }

    public static void range(int rows, RowRange body) {
        range(rows, MIN_ROWS_PER_TASK, body);
    }

    /** As {@link #range(int, RowRange)}, forking once there are {@code minRowsPerTask} rows per task. */
    public static void range(int rows, int minRowsPerTask, RowRange body) {
        int tasks = Math.min(TASKS, Math.max(1, rows / minRowsPerTask));
        if (tasks <= 1) {
            body.run(0, rows);
            return;
        }
        ForkJoinTask<?>[] forks = new ForkJoinTask<?>[tasks - 1];
        int chunk = (rows + tasks - 1) / tasks;
        for (int t = 1; t < tasks; t++) {
            int from = Math.min(rows, t * chunk);
            int to = Math.min(rows, from + chunk);
            forks[t - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(0, Math.min(rows, chunk));
        for (ForkJoinTask<?> f : forks) {
            f.join();
        }
    }
}
