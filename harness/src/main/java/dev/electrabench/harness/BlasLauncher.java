package dev.electrabench.harness;

import dev.electrabench.core.runtime.CpuFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar electra-bench.jar} cannot set OPENBLAS_CORETYPE for itself: OpenBLAS reads it when
 * the native library loads. When it is unset and the CPU calls for one, we start the same command again
 * as a child process with it set (once; the child sees the variable and runs normally).
 */
final class BlasLauncher {
    private BlasLauncher() {}

    /** Returns the child's exit code, or -1 when this process should run the command itself. */
    static int relaunchIfNeeded(String[] args) {
        String current = System.getenv("OPENBLAS_CORETYPE");
        if (current != null && !current.isEmpty()) {
            return -1;
        }
        if (System.getenv("ELECTRA_BENCH_NO_RELAUNCH") != null) {
            return -1;
        }
        Optional<String> coreType = CpuFeatures.openBlasCoreType();
        if (coreType.isEmpty()) {
            return -1;
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> javaExe = info.command();
        if (javaExe.isEmpty()) {
            return -1;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExe.get());
        List<String> jvmArgs = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(jvmArgs);

        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ElectraBench.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("OPENBLAS_CORETYPE", coreType.get());
        try {
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            return p.waitFor();
        } catch (Exception e) {
            return -1; // run in-process, only slower
        }
    }
}
