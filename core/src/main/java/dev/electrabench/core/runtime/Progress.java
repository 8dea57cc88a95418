package dev.electrabench.core.runtime;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A progress line for long work, written to stderr by default so stdout stays clean for JSON:
 *
 * <pre>  pretrain 120/1000 12.0% 4.32k tok/s loss=3.214 elapsed 0:42 ETA 5:08</pre>
 *
 * When stderr is a terminal the line is redrawn in place ({@code \r}) at most every 250 ms; otherwise (CI logs,
 * {@code 2> file}, a pipe) a plain line is printed each time another 10% is done or 60 s have passed.
 * A {@link #child} bar shares the line: {@code runs 3/12 ... | pretrain 120/1000 ...}, and the
 * parent's ETA counts the child's fraction. Rates and ETAs are averages since the bar started.
 * Thread-safe; all bars of one tree lock their root.
 */
public final class Progress implements AutoCloseable {
    private final Progress parent;
    private final Output output;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private long done;
    private long resumed;
    private double units;
    private Progress child;
    private long printedBucket;
    private boolean closed;

    private Progress(Progress parent, Output output, String label, long total, String unit) {
        this.parent = parent;
        this.output = output;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.startNanos = output.clock.getAsLong();
    }

    /** A root bar; {@code total} &lt;= 0 means unknown (no percentage or ETA). */
    public static Builder builder(String label, long total) {
        return new Builder(label, total);
    }

    /** A root bar on stderr with the defaults. */
    public static Progress create(String label, long total) {
        return builder(label, total).build();
    }

    /**
     * A bar for a sub-task shown after this one on the same line, e.g. the current run under
     * "runs 3/12". Closing it prints its final state; it replaces any earlier child.
     *
     * @param unit what {@link #advance(long, double)} counts for the rate, e.g. "tok"; null = steps ("it")
     */
    public Progress child(String label, long total, String unit) {
        synchronized (output) {
            child = new Progress(this, output, label, total, unit == null ? "it" : unit);
            return child;
        }
    }

    /**
     * {@code steps} were done before this bar started (a resumed run): they show in the count and the
     * percentage, but not in the rate or the ETA, which only this process's progress predicts.
     */
    public void resumeAt(long steps) {
        synchronized (output) {
            done = steps;
            resumed = steps;
            output.changes++;
        }
    }

    /** {@code steps} more steps done, which count as {@code steps} units for the rate. */
    public void advance(long steps) {
        advance(steps, steps);
    }

    /** {@code steps} more steps done, worth {@code units} of this bar's unit (e.g. tokens in the batch). */
    public void advance(long steps, double units) {
        synchronized (output) {
            done += steps;
            this.units += units;
            output.changes++;
            output.update(root(), false);
        }
    }

    /** Sets a named value shown on the line ({@code loss=3.214}), in first-set order. */
    public void value(String name, double v) {
        synchronized (output) {
            values.put(name, v);
            output.changes++;
        }
    }

    /** Prints the final state of this bar (a root ends its line; a child leaves its last state above). */
    @Override
    public void close() {
        synchronized (output) {
            if (closed) {
                return;
            }
            closed = true;
            output.update(root(), true);
            if (parent != null && parent.child == this) {
                parent.child = null;
            }
        }
    }

    /** The current line (without terminal control characters). */
    public String line() {
        synchronized (output) {
            StringBuilder sb = new StringBuilder();
            for (Progress p = root(); p != null; p = p.child) {
                if (sb.length() > 0) {
                    sb.append(" | ");
                }
                sb.append(p.segment(output.clock.getAsLong()));
            }
            return sb.toString();
        }
    }

    private Progress root() {
        Progress p = this;
        while (p.parent != null) {
            p = p.parent;
        }
        return p;
    }

    /** Done fraction in [0, 1], counting an active child's fraction as part of the next step; NaN if unknown. */
    private double fraction() {
        if (total <= 0) {
            return Double.NaN;
        }
        double partial = child != null && !child.closed && Double.isFinite(child.fraction()) ? child.fraction() : 0;
        return Math.min(1.0, (done + partial) / total);
    }

    private String segment(long now) {
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder(label).append(' ').append(done);
        double f = fraction();
        if (total > 0) {
            sb.append('/').append(total).append(String.format(Locale.ROOT, " %.1f%%", 100 * f));
        }
        if (units > 0 && elapsed > 0) {
            sb.append(' ').append(ProgressFormat.rate(units / elapsed, unit));
        }
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(ProgressFormat.value(v)));
        sb.append(" elapsed ").append(ProgressFormat.duration(elapsed));
        if (total > 0 && f < 1) {
            double progressed = f * total - resumed; // steps (and the child's part) done by this process
            sb.append(" ETA ").append(progressed > 0 ? ProgressFormat.duration(elapsed * (1 - f) * total / progressed) : "?");
        }
        return sb.toString();
    }

    /** Output policy shared by a tree of bars: where, how often, and how (redraw vs plain lines). */
    private static final class Output {
        final PrintStream out;
        final boolean tty;
        final LongSupplier clock;
        final long redrawNanos;
        final double everyPercent;
        final long everyNanos;
        final int width;
        long lastWriteNanos;
        int lastLength;
        long changes;
        long printedChanges = -1;

        Output(Builder b) {
            this.out = b.out;
            this.tty = b.tty;
            this.clock = b.clock;
            this.redrawNanos = b.redrawMillis * 1_000_000L;
            this.everyPercent = b.everyPercent;
            this.everyNanos = Math.round(b.everySeconds * 1e9);
            this.width = b.width;
            this.lastWriteNanos = clock.getAsLong();
        }

        void update(Progress root, boolean closing) {
            if (out == null) {
                return;
            }
            long now = clock.getAsLong();
            if (tty) {
                if (closing || now - lastWriteNanos >= redrawNanos) {
                    redraw(root.line(), closing);
                    lastWriteNanos = now;
                }
                return;
            }
            boolean bucketAdvanced = false;
            for (Progress p = root; p != null; p = p.child) {
                long bucket = p.total > 0 && everyPercent > 0 ? (long) Math.floor(100 * p.fraction() / everyPercent) : 0;
                if (bucket > p.printedBucket) {
                    p.printedBucket = bucket;
                    bucketAdvanced = true;
                }
            }
            boolean due = bucketAdvanced || (everyNanos > 0 && now - lastWriteNanos >= everyNanos);
            if (due || (closing && changes != printedChanges)) { // no repeat of an unchanged last line
                out.println(root.line());
                printedChanges = changes;
                out.flush();
                lastWriteNanos = now;
            }
        }

        private void redraw(String line, boolean endLine) {
            if (line.length() > width) {
                line = line.substring(0, Math.max(0, width - 1)) + "…";
            }
            StringBuilder sb = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < lastLength; i++) {
                sb.append(' '); // blank out the rest of a longer previous line
            }
            lastLength = endLine ? 0 : line.length();
            out.print(endLine ? sb.append('\n') : sb);
            out.flush();
        }
    }

    /** Settings for a root bar; its children share them. */
    public static final class Builder {
        private final String label;
        private final long total;
        private String unit = "it";
        private PrintStream out = System.err;
        private Boolean tty; // null: decided in build() from where the bar writes
        private LongSupplier clock = System::nanoTime;
        private long redrawMillis = 250;
        private double everyPercent = 10;
        private double everySeconds = 60;
        private int width = 160;

        private Builder(String label, long total) {
            this.label = label;
            this.total = total;
        }

        /** What {@link #advance(long, double)} counts, for the rate ("tok" → "4.32k tok/s"); default steps, "it". */
        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** Where to write; null = nowhere (quiet mode). Default stderr. */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        /**
         * Redraw in place (terminal) or print plain lines; default: redraw only when writing to stderr and stderr
         * is a terminal ({@link Terminal}; not {@link System#console()}, which looks at stdin and stdout).
         */
        public Builder tty(boolean tty) {
            this.tty = tty;
            return this;
        }

        /** Nanosecond clock, for tests; default {@link System#nanoTime()}. */
        public Builder clock(LongSupplier nanos) {
            this.clock = nanos;
            return this;
        }

        /** Terminal: minimum time between redraws (default 250 ms). */
        public Builder redrawMillis(long millis) {
            this.redrawMillis = millis;
            return this;
        }

        /** Plain lines: print whenever another {@code percent}% of any bar is done (default 10; 0 = never). */
        public Builder everyPercent(double percent) {
            this.everyPercent = percent;
            return this;
        }

        /** Plain lines: print at least every {@code seconds} (default 60; 0 = never). */
        public Builder everySeconds(double seconds) {
            this.everySeconds = seconds;
            return this;
        }

        /** Terminal: longer lines are cut to this many characters so {@code \r} can redraw them (default 160). */
        public Builder width(int columns) {
            this.width = columns;
            return this;
        }

        public Progress build() {
            if (tty == null) {
                tty = out == System.err && Terminal.stderrIsTerminal();
            }
            return new Progress(null, new Output(this), label, total, unit);
        }
    }
}
