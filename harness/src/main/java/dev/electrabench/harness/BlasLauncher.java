package dev.electrabench.harness;

import dev.electrabench.core.runtime.CpuFeatures;
import dev.electrabench.core.runtime.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Environment that native libraries read only when they load, so {@code java -jar electra-bench.jar}
 * cannot set it for itself; when some is missing we start the same command again as a child process
 * with it set (once; the child sees the variables and runs normally):
 * <ul>
 *   <li>{@code OPENBLAS_CORETYPE} from the CPU flags: M2.1's OpenBLAS takes AVX-512 Xeons for Prescott
 *       and runs GEMM ~4.5x slower;</li>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: libnd4j's OpenMP threads otherwise spin between parallel
 *       regions, and with any other process on a 2-core machine a fine-tuning run took 4x as long
 *       (47 s vs 11.6 s for 32 smoke-model steps, measured back to back under load);</li>
 *   <li>{@code OPENBLAS_THREAD_TIMEOUT=17}: after each GEMM OpenBLAS's worker threads spin for 2^n cycles
 *       before sleeping, by default 2^28 (~0.1 s), i.e. through the whole gap to the next GEMM. On 2 cores
 *       one spinning worker halves the Java threads running the element-wise kernels in between (the
 *       vocabulary cross-entropy took 22 ms per bert-tiny step instead of 11). 2^17 cycles (~50 µs)
 *       still covers the gaps between back-to-back attention GEMMs; 2^4 saved the Java time but lost it
 *       again in worker wake-ups. bench, back to back: bert-tiny 0.230 → 0.199 s/step, 4-layer/256 BERT
 *       0.690 → 0.606, ELECTRA 0.789 → 0.711.</li>
 * </ul>
 * Values the user set win. The child also gets {@code --add-modules jdk.incubator.vector} when this JVM
 * lacks it: the engine's exp, GELU and softmax loops run on the Vector API (the cross-entropy over the
 * vocabulary ~27x faster per element than scalar code). The JVM's one-line "Using incubator modules"
 * warning is dropped from the child's stderr; everything else passes through unchanged.
 */
final class BlasLauncher {
    private BlasLauncher() {}

    /** Variables to add to this process's environment (empty: nothing missing). */
    static Map<String, String> missingEnvironment(Map<String, String> env, Optional<String> cpuCoreType) {
        Map<String, String> add = new LinkedHashMap<>();
        String core = env.get("OPENBLAS_CORETYPE");
        if ((core == null || core.isEmpty()) && cpuCoreType.isPresent()) {
            add.put("OPENBLAS_CORETYPE", cpuCoreType.get());
        }
        if (env.get("OMP_WAIT_POLICY") == null) {
            add.put("OMP_WAIT_POLICY", "PASSIVE");
        }
        if (env.get(THREAD_TIMEOUT) == null) {
            add.put(THREAD_TIMEOUT, "17");
        }
        return add;
    }

    static final String THREAD_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + VECTOR_MODULE;

    static final String SERIAL_GC = "-XX:+UseSerialGC";

    /**
     * JVM options to add to the child (empty: nothing missing): the Vector API module, and the serial collector
     * unless the user chose a collector. The engine's buffers live off-heap, and G1's regions only hold memory:
     * {@code bench} on tiny ELECTRA peaks at ~660 MB with the serial collector against 920–1000 MB with G1 at the same
     * speed, and ELECTRA-Small fine-tuning at 1.79 GB against 2.33 GB.
     *
     * @param jvmArgs       the JVM's own arguments (a {@code -XX:+Use...GC} among them is the user's choice)
     * @param serialRunning whether this JVM already runs the serial collector
     */
    static List<String> missingJvmOptions(boolean vectorModulePresent, List<String> jvmArgs, boolean serialRunning) {
        List<String> add = new ArrayList<>();
        if (!vectorModulePresent) {
            add.addAll(List.of("--add-modules", VECTOR_MODULE));
        }
        boolean userChoseGc = jvmArgs.stream().anyMatch(a -> a.matches("-XX:\\+Use\\w*GC"));
        if (!serialRunning && !userChoseGc) {
            add.add(SERIAL_GC);
        }
        return add;
    }

    /** Whether this JVM runs the serial collector (its young and old collectors are "Copy" and "MarkSweepCompact"). */
    static boolean serialGcRunning() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().equals("Copy"));
    }

    /** Set in the child: the launcher's pid, which the child must not outlive. */
    static final String LAUNCHER_PID = "ELECTRA_BENCH_LAUNCHER_PID";
    /** How often the child looks for its launcher: it stops writing within this much of a kill -9. */
    static final long WATCH_MILLIS = 100;

    /**
     * In a re-started child: a daemon thread that halts this JVM as soon as the launcher is gone (kill -9 of
     * the launcher runs no shutdown hook, and an orphan would keep writing to --out while a resume starts).
     * Checks the parent, not the pid alone: an orphan is re-parented, so a reused pid cannot fool it. The
     * run folder's lock goes with the process; its files are written atomically.
     */
    static void dieWithLauncher() {
        String pid = System.getenv(LAUNCHER_PID);
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        long launcher = Long.parseLong(pid);
        Thread watch = new Thread(() -> {
            while (true) {
                if (!launcherAlive(launcher)) {
                    Runtime.getRuntime().halt(ElectraBench.EXIT_LAUNCHER_GONE);
                }
                try {
                    Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    static boolean launcherAlive(long launcher) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return parent.isPresent() && parent.get().pid() == launcher && parent.get().isAlive();
    }

    /** Returns the child's exit code, or -1 when this process should run the command itself. */
    static int relaunchIfNeeded(String[] args) {
        if (System.getenv("ELECTRA_BENCH_NO_RELAUNCH") != null) {
            return -1;
        }
        Map<String, String> add = missingEnvironment(System.getenv(), CpuFeatures.openBlasCoreType());
        List<String> jvmArgs = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> addJvm = missingJvmOptions(ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), jvmArgs,
                serialGcRunning());
        if (add.isEmpty() && addJvm.isEmpty()) {
            return -1;
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> javaExe = info.command();
        if (javaExe.isEmpty()) {
            return -1;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExe.get());
        cmd.addAll(jvmArgs);
        cmd.addAll(addJvm);

        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ElectraBench.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO().redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(add);
        pb.environment().put(LAUNCHER_PID, Long.toString(ProcessHandle.current().pid()));
        // the child's stderr is a pipe to us: tell it whether ours is a terminal (progress redraws only there)
        pb.environment().putIfAbsent(Terminal.STDERR_TTY_ENV, Terminal.stderrIsTerminal() ? "1" : "0");
        try {
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            Thread errors = new Thread(() -> copyDroppingLine(p.getErrorStream(), System.err, INCUBATOR_WARNING),
                    "child-stderr");
            errors.setDaemon(true);
            errors.start();
            int code = p.waitFor();
            errors.join(2000);
            return code;
        } catch (Exception e) {
            return -1; // run in-process, only slower
        }
    }

    /**
     * Copies {@code in} to {@code out} as bytes arrive (progress bars redraw with '\r'), leaving out the
     * first line if it is exactly {@code drop}.
     */
    static void copyDroppingLine(InputStream in, PrintStream out, String drop) {
        try {
            // the first line, up to its end or until it is longer than the line to drop and its "\r\n"
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            int b = 0;
            while (first.size() < drop.length() + 2 && b != '\n' && (b = in.read()) >= 0) {
                first.write(b);
            }
            boolean ended = b == '\n' || b < 0;
            if (!ended || !first.toString(StandardCharsets.UTF_8).replaceFirst("\r?\n$", "").equals(drop)) {
                out.write(first.toByteArray());
            }
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            out.flush();
        } catch (IOException e) {
            // the child is gone; nothing left to copy
        }
    }
}
