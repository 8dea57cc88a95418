package dev.electrabench.harness;

import dev.electrabench.core.runtime.CpuFeatures;
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
 *       (47 s vs 11.6 s for 32 smoke-model steps, measured back to back under load).</li>
 * </ul>
 * Values the user set win.
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
        return add;
    }

    /** Returns the child's exit code, or -1 when this process should run the command itself. */
    static int relaunchIfNeeded(String[] args) {
        if (System.getenv("ELECTRA_BENCH_NO_RELAUNCH") != null) {
            return -1;
        }
        Map<String, String> add = missingEnvironment(System.getenv(), CpuFeatures.openBlasCoreType());
        if (add.isEmpty()) {
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
        pb.environment().putAll(add);
        try {
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            return p.waitFor();
        } catch (Exception e) {
            return -1; // run in-process, only slower
        }
    }
}
