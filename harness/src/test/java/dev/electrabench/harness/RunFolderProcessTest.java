package dev.electrabench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, finding 2, with real processes: {@code electra-bench} started as a subprocess the way a user
 * starts it (the launcher re-starts the JVM with the BLAS environment), a second run on the same folder,
 * kill -9 of the launcher, and the resume after it.
 */
class RunFolderProcessTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final Path SMOKE = ROOT.resolve("configs/smoke.yaml");

    /** The command line as {@code java -jar electra-bench.jar}, on this test's class path. */
    private static ProcessBuilder electraBench(Path logs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ElectraBench.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(logs.resolve("stdout").toFile())
                .redirectError(logs.resolve("stderr").toFile());
        // as from a plain shell: without these (and without --add-modules) the launcher re-starts the JVM
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("ELECTRA_BENCH_NO_RELAUNCH");
        pb.environment().remove("ELECTRA_BENCH_LAUNCHER_PID");
        return pb;
    }

    private static Cli inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ElectraBench.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Cli(exit, err.toString());
    }

    private record Cli(int exit, String err) {}

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                try {
                    files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                            : Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                } catch (IOException gone) {
                    files.put(dir.relativize(p).toString(), "vanished");
                }
            }
        }
        return files;
    }

    /** Dead: no /proc entry, or a zombie (exited, waiting for init to reap it). */
    private static boolean dead(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    /** The subprocess's stderr, for a timeout's message. */
    private static Path diagnostics;

    private static void waitFor(String what, long millis, java.util.function.BooleanSupplier ok) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!ok.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                String log;
                try {
                    log = diagnostics == null ? "" : Files.readString(diagnostics);
                } catch (IOException e) {
                    log = e.toString();
                }
                throw new AssertionError("timed out waiting for " + what + "; the subprocess's stderr: " + log);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void oneWriterNoOrphanAfterKillNineAndTheResumeFinishes(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        String[] args = {"pretrain", "--config", SMOKE.toString(), "--model", "bert", "--out", out.toString(), "--max-steps", "60",
            "--data-dir", DataDir.resolve().toString()};
        Process launcher = electraBench(tmp, args).start();
        diagnostics = tmp.resolve("stderr");
        try {
            Path lockFile = out.resolve(RunLock.FILE);
            waitFor("the run's first checkpoint", 120_000, () -> {
                assertTrue(launcher.isAlive(), "the run ended early");
                return Files.exists(out.resolve("checkpoints/step-10/trainer/state.json"));
            });
            long writer = Long.parseLong(Files.readString(lockFile).trim());
            assertNotEquals(launcher.pid(), writer, "the launcher re-started the JVM: its child writes");
            assertEquals(launcher.pid(), ProcessHandle.of(writer).orElseThrow().parent().orElseThrow().pid());

            // a second run on the same folder: exit 2, one line, naming the writer
            Cli second = inProcess(args);
            assertEquals(2, second.exit(), second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().contains("is in use by another electra-bench run (pid " + writer + ")"), second.err());

            // kill -9 of the launcher takes the training JVM along: nothing writes to --out after a second
            launcher.destroyForcibly();
            long killed = System.currentTimeMillis();
            Thread.sleep(1000);
            Map<String, String> atOneSecond = snapshot(out);
            waitFor("the orphan to die", 10_000, () -> {
                try {
                    return dead(writer);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            assertEquals(atOneSecond, snapshot(out), "--out changed after kill -9 + 1 s (orphan still writing); "
                    + "dead " + (System.currentTimeMillis() - killed) + " ms after the kill at the latest");
        } finally {
            launcher.destroyForcibly();
            ProcessHandle.allProcesses().filter(p -> p.parent().map(q -> q.pid() == launcher.pid()).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }

        // the resume: from the last checkpoint to the end, every step logged once
        Cli resumed = inProcess(args);
        assertEquals(0, resumed.exit(), resumed.err());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(61, rows.size(), "header + steps 1..60 (log_every 1), none twice");
        for (int step = 1; step <= 60; step++) {
            assertTrue(rows.get(step).startsWith(step + ","), "row " + step + ": " + rows.get(step));
        }
        assertTrue(Files.isDirectory(out.resolve("final")));
        assertFalse(Files.readString(tmp.resolve("stderr")).contains("Exception"), Files.readString(tmp.resolve("stderr")));
    }
}
