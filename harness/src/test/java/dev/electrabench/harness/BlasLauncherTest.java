package dev.electrabench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlasLauncherTest {
    @Test
    void addsWhatIsMissingAndKeepsWhatTheUserSet() {
        assertEquals(Map.of("OPENBLAS_CORETYPE", "SkylakeX", "OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_THREAD_TIMEOUT", "17"),
                BlasLauncher.missingEnvironment(Map.of(), Optional.of("SkylakeX")));
        // an empty OPENBLAS_CORETYPE is not "unset" to OpenBLAS ("Core not found"): it is replaced
        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell"), BlasLauncher.missingEnvironment(
                Map.of("OPENBLAS_CORETYPE", "", "OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "28"), Optional.of("Haswell")));
        assertEquals(Map.of(), BlasLauncher.missingEnvironment(Map.of("OPENBLAS_CORETYPE", "Prescott", "OMP_WAIT_POLICY",
                "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "28"), Optional.of("SkylakeX")));
        // a CPU without a better core type only needs the thread settings
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_THREAD_TIMEOUT", "17"),
                BlasLauncher.missingEnvironment(Map.of(), Optional.empty()));
    }

    @Test
    void addsTheVectorModuleOnlyWhenMissing() {
        assertEquals(List.of("--add-modules", "jdk.incubator.vector"), BlasLauncher.missingJvmOptions(false, List.of(), true));
        assertEquals(List.of(), BlasLauncher.missingJvmOptions(true, List.of("-Xmx2g"), true));
    }

    @Test
    void runsTheSerialCollectorUnlessTheUserChoseOne() {
        assertEquals(List.of("-XX:+UseSerialGC"), BlasLauncher.missingJvmOptions(true, List.of("-Xmx2g"), false));
        assertEquals(List.of("--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"),
                BlasLauncher.missingJvmOptions(false, List.of(), false));
        assertEquals(List.of(), BlasLauncher.missingJvmOptions(true, List.of("-XX:+UseG1GC"), false), "the user's choice stands");
        assertEquals(List.of(), BlasLauncher.missingJvmOptions(true, List.of("-XX:+UseParallelGC"), false));
    }

    /** The check this JVM answers with: Surefire's fork runs the default collector, a child with the flag runs serial. */
    @Test
    void knowsWhichCollectorRuns() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SerialProbe.class.getName()).redirectErrorStream(true).start();
        assertEquals("true", new String(p.getInputStream().readAllBytes()).strip());
        assertEquals(0, p.waitFor());
    }

    /** Prints whether {@link BlasLauncher#serialGcRunning} sees the serial collector. */
    public static final class SerialProbe {
        public static void main(String[] args) {
            System.out.println(BlasLauncher.serialGcRunning());
        }
    }

    @Test
    void dropsTheIncubatorWarningAndNothingElse() {
        String warning = BlasLauncher.INCUBATOR_WARNING;
        assertEquals("step 1\rstep 2\nerror: x\n", copied(warning + "\nstep 1\rstep 2\nerror: x\n"));
        // any other first line, a short one, a missing newline and an empty stream all pass through
        assertEquals("error: bad config\nmore\n", copied("error: bad config\nmore\n"));
        assertEquals("x", copied("x"));
        assertEquals("", copied(""));
        assertEquals("", copied(warning + "\n"));
        assertEquals(warning + " (not quite)\n", copied(warning + " (not quite)\n"));
    }

    private static String copied(String childStderr) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BlasLauncher.copyDroppingLine(new ByteArrayInputStream(childStderr.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(sink, true, StandardCharsets.UTF_8), BlasLauncher.INCUBATOR_WARNING);
        return sink.toString(StandardCharsets.UTF_8);
    }
}
