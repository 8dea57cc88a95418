package dev.electrabench.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Progress lines under a hand-driven clock; expected strings worked out by hand in the comments. */
class ProgressTest {
    private static final class Clock implements LongSupplier {
        long nanos = 1_000_000_000L;

        void seconds(double s) {
            nanos += Math.round(s * 1e9);
        }

        @Override
        public long getAsLong() {
            return nanos;
        }
    }

    private final Clock clock = new Clock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return written().lines().toList();
    }

    @Test
    void formats() {
        assertEquals("0:00", ProgressFormat.duration(0));
        assertEquals("7:30", ProgressFormat.duration(450));
        assertEquals("1:02:05", ProgressFormat.duration(3725));
        assertEquals("100:00:00", ProgressFormat.duration(360_000));
        assertEquals("?", ProgressFormat.duration(Double.NaN));
        assertEquals("256 tok/s", ProgressFormat.rate(256, "tok"));
        assertEquals("4.32k tok/s", ProgressFormat.rate(4321, "tok"));
        assertEquals("1.5M tok/s", ProgressFormat.rate(1.5e6, "tok"));
        assertEquals("3.33 s/it", ProgressFormat.rate(0.3, "it")); // 1 / 0.3 = 3.333
        assertEquals("3.214", ProgressFormat.value(3.21449));
        assertEquals("0.0005", ProgressFormat.value(5e-4));
        assertEquals("1.235e+06", ProgressFormat.value(1234567));
        assertEquals("-2", ProgressFormat.value(-2));
    }

    @Test
    void rateAndEta() {
        Progress p = Progress.builder("pretrain", 1000).unit("tok").out(out).tty(false).clock(clock).build();
        clock.seconds(50);
        p.value("loss", 3.21449);
        p.advance(100, 100 * 128);
        // 12 800 tokens in 50 s = 256 tok/s; 10% took 50 s, so the other 90% take 450 s = 7:30
        assertEquals("pretrain 100/1000 10.0% 256 tok/s loss=3.214 elapsed 0:50 ETA 7:30", p.line());
    }

    @Test
    void resumedStepsCountInThePercentageButNotInRateOrEta() {
        Progress p = Progress.builder("pretrain", 1000).unit("tok").out(out).tty(false).clock(clock).build();
        p.resumeAt(600);
        assertEquals("pretrain 600/1000 60.0% elapsed 0:00 ETA ?", p.line());
        clock.seconds(50);
        p.advance(100, 12800);
        // 12 800 tok / 50 s = 256 tok/s; 100 steps in 50 s, 300 left → 150 s = 2:30 (not 50 · 0.3/0.7 = 0:21)
        assertEquals("pretrain 700/1000 70.0% 256 tok/s elapsed 0:50 ETA 2:30", p.line());
    }

    @Test
    void plainLinesEveryTenPercent() {
        Progress p = Progress.builder("job", 100).out(out).tty(false).clock(clock).everySeconds(0).build();
        for (int i = 0; i < 100; i++) {
            clock.seconds(1);
            p.advance(1);
        }
        p.close(); // unchanged since the 100% line: no repeat
        List<String> lines = lines();
        assertEquals(10, lines.size(), written());
        // 10 steps in 10 s = 1 it/s; 90 steps left at 1 s each = 1:30
        assertEquals("job 10/100 10.0% 1 it/s elapsed 0:10 ETA 1:30", lines.get(0));
        assertEquals("job 100/100 100.0% 1 it/s elapsed 1:40", lines.get(9));
        assertFalse(written().contains("\r"));
    }

    @Test
    void plainLinesEveryKSeconds() {
        Progress p = Progress.builder("job", 100).out(out).tty(false).clock(clock).everyPercent(0).everySeconds(5).build();
        for (int i = 0; i < 12; i++) {
            clock.seconds(1);
            p.advance(1);
        }
        p.close();
        List<String> lines = lines();
        assertEquals(3, lines.size(), written()); // t = 5 s, t = 10 s, and the final state at 12 s
        assertTrue(lines.get(0).startsWith("job 5/100 5.0% "), lines.get(0));
        assertTrue(lines.get(1).startsWith("job 10/100 10.0% "), lines.get(1));
        assertTrue(lines.get(2).startsWith("job 12/100 12.0% "), lines.get(2));
    }

    @Test
    void terminalRedrawsInPlaceAtMostFourTimesASecond() {
        Progress p = Progress.builder("job", 100).out(out).tty(true).clock(clock).build();
        for (int i = 0; i < 100; i++) {
            clock.seconds(0.01);
            p.advance(1);
        }
        String drawn = written();
        // 1 s of updates every 10 ms, redraw every 250 ms: at 0.25, 0.5, 0.75 and 1.0 s
        assertEquals(4, drawn.chars().filter(c -> c == '\r').count(), drawn);
        assertFalse(drawn.contains("\n"));
        p.close();
        assertTrue(written().endsWith("job 100/100 100.0% 100 it/s elapsed 0:01\n"), written());
    }

    @Test
    void nestedBarCountsTheChildsFractionInTheParentsEta() {
        Progress runs = Progress.builder("runs", 12).unit("run").out(out).tty(false).clock(clock).build();
        clock.seconds(300);
        runs.advance(3);
        Progress run = runs.child("pretrain", 1000, "tok");
        clock.seconds(50);
        run.advance(500, 64_000);
        // parent: (3 + 0.5)/12 = 29.17% after 350 s = 5:50, so ETA 350 · 8.5/3.5 = 850 s = 14:10;
        //         3 runs in 350 s = 116.7 s/run
        // child:  64 000 tok / 50 s = 1.28k tok/s; half done in 50 s → ETA 0:50
        assertEquals("runs 3/12 29.2% 117 s/run elapsed 5:50 ETA 14:10"
                + " | pretrain 500/1000 50.0% 1.28k tok/s elapsed 0:50 ETA 0:50", run.line());
        run.close();
        assertTrue(lines().get(lines().size() - 1).endsWith("| pretrain 500/1000 50.0% 1.28k tok/s elapsed 0:50 ETA 0:50"));
        assertEquals("runs 3/12 25.0% 117 s/run elapsed 5:50 ETA 17:30", runs.line()); // child gone: 3/12 only
    }

    @Test
    void unknownTotalAndQuietMode() {
        Progress p = Progress.builder("reading", 0).unit("doc").out(null).clock(clock).build();
        clock.seconds(2);
        p.advance(42);
        assertEquals("reading 42 21 doc/s elapsed 0:02", p.line());
        p.close();
        assertEquals("", written());
    }
}
