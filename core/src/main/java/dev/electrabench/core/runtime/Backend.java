package dev.electrabench.core.runtime;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.BackendGpuSupport.ComputeCapability;
import dev.electrabench.core.runtime.BackendGpuSupport.Gpu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend this process runs on: a description for {@code --verbose}, and a guard that stops a
 * CUDA build early on a GPU its kernels do not cover (see {@link BackendGpuSupport}).
 */
public final class Backend {
    /** ND4J's CPU backend class (nd4j-native); the default build's. */
    static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    /** ND4J's CUDA backend class; present only in builds made with {@code -Pcuda}. */
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final long NVIDIA_SMI_TIMEOUT_SECONDS = 20;

    private Backend() {}

    /** True when ND4J's CUDA backend is on the class path; does not load ND4J. */
    public static boolean isCudaBuild() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Loads ND4J (if not yet loaded) and describes its backend, device and BLAS set-up. */
    public static BackendDescription describe() {
        String backendClass = Nd4j.getBackend().getClass().getSimpleName();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        boolean cuda = isCuda(env);
        String device = cuda ? gpuText(gpusOf(env)) : cpuText();
        Object vendor = env.get(Nd4jEnvironment.BLAS_VENDOR_KEY);
        return new BackendDescription(cuda ? "nd4j-cuda" : "nd4j-native", backendClass,
                vendor == null ? null : vendor.toString(), device, System.getenv("OPENBLAS_CORETYPE"), blasThreads(env));
    }

    /**
     * On a CUDA build, fails with a one-line {@link UserException} when a GPU's compute capability has no
     * kernels in ND4J M2.1 (e.g. Hopper, 9.0). Asks ND4J's device list first and {@code nvidia-smi}
     * when ND4J cannot start; does nothing on CPU builds and when neither can tell.
     */
    public static void requireSupportedGpu() {
        if (!isCudaBuild()) {
            return;
        }
        Optional<List<Gpu>> fromNd4j;
        try {
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            fromNd4j = isCuda(env) ? Optional.of(gpusOf(env)) : Optional.of(List.of()); // CPU backend chosen: no GPU in use
        } catch (RuntimeException | LinkageError e) {
            fromNd4j = Optional.empty(); // the backend did not start, possibly because of the GPU itself
        }
        gpuProblem(fromNd4j, Backend::gpusFromNvidiaSmi).ifPresent(problem -> {
            throw new UserException(problem);
        });
    }

    /** ND4J's answer when it has one, else nvidia-smi's; the first unsupported GPU's explanation. */
    static Optional<String> gpuProblem(Optional<List<Gpu>> fromNd4j, Supplier<List<Gpu>> fromNvidiaSmi) {
        List<Gpu> gpus = fromNd4j.isPresent() ? fromNd4j.get() : fromNvidiaSmi.get();
        return BackendGpuSupport.firstProblem(gpus);
    }

    private static boolean isCuda(Properties env) {
        return "CUDA".equalsIgnoreCase(String.valueOf(env.get(Nd4jEnvironment.BACKEND_KEY)));
    }

    /** The devices list the CUDA executioner puts in its environment information. */
    static List<Gpu> gpusOf(Properties env) {
        List<Gpu> gpus = new ArrayList<>();
        if (env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) instanceof List<?> devices) {
            for (Object d : devices) {
                if (d instanceof Map<?, ?> m) {
                    Object name = m.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY);
                    gpus.add(new Gpu(gpus.size(), name == null ? null : name.toString(), new ComputeCapability(
                            intOf(m.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY)),
                            intOf(m.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY)))));
                }
            }
        }
        return gpus;
    }

    private static int intOf(Object o) {
        return o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o).trim());
    }

    /** {@code nvidia-smi --query-gpu=name,compute_cap}; empty when it is missing, fails or is too old to know compute_cap. */
    static List<Gpu> gpusFromNvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(NVIDIA_SMI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return p.exitValue() == 0 ? BackendGpuSupport.parseNvidiaSmi(out) : List.of();
        } catch (IOException e) {
            return List.of(); // no nvidia-smi on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static String gpuText(List<Gpu> gpus) {
        if (gpus.isEmpty()) {
            return "no CUDA device reported";
        }
        List<String> parts = new ArrayList<>();
        for (Gpu g : gpus) {
            parts.add("GPU " + g.index() + ": " + (g.name() == null ? "?" : g.name()) + " (compute capability " + g.capability() + ")");
        }
        return String.join("; ", parts);
    }

    /** "model name" from /proc/cpuinfo and the cores this JVM may use. */
    static String cpuText() {
        String model = System.getProperty("os.arch");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep os.arch
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return model + ", " + cores + (cores == 1 ? " core" : " cores");
    }

    private static Integer blasThreads(Properties env) {
        Object t = env.get(Nd4jEnvironment.BLAS_THREADS_KEY);
        if (t != null) {
            try {
                return intOf(t);
            } catch (NumberFormatException e) {
                // fall through to the BLAS wrapper
            }
        }
        try {
            return Nd4j.factory().blas().getMaxThreads();
        } catch (RuntimeException | LinkageError e) {
            return null; // CUDA's BLAS has no thread count
        }
    }
}
