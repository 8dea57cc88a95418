package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --verbose} is global: accepted before or after any subcommand, reporting on stderr only. */
class VerboseOptionTest {
    private static final Pattern GFLOPS = Pattern.compile("electra-bench: sgemm 1024x1024x1024 float32: ([0-9.]+) GFLOP/s");

    private static void assertStartupReport(Cli r) {
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("train FLOPs"), "the command itself still runs: " + r.out());
        String err = r.err();
        assertTrue(err.contains("electra-bench: backend: nd4j-native (CpuBackend"), err);
        assertTrue(err.contains("electra-bench: device: "), err);
        assertTrue(err.contains("electra-bench: OPENBLAS_CORETYPE: "), err);
        assertTrue(err.contains("electra-bench: BLAS threads: "), err);
        Matcher m = GFLOPS.matcher(err);
        assertTrue(m.find(), err);
        assertTrue(Double.parseDouble(m.group(1)) > 0, err);
    }

    @Test
    void beforeTheSubcommand() {
        assertStartupReport(Cli.run("--verbose", "flops", "--preset", "bert-small"));
    }

    @Test
    void afterTheSubcommand() {
        assertStartupReport(Cli.run("flops", "--preset", "bert-small", "--verbose"));
    }

    @Test
    void silentWithoutIt() {
        Cli r = Cli.run("flops", "--preset", "bert-small");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
    }
}
