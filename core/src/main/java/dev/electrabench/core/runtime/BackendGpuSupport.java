package dev.electrabench.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which GPUs ND4J 1.0.0-M2.1's CUDA build can run on. Its {@code libnd4jcuda} holds machine code
 * (SASS) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 and no PTX, so the driver cannot compile kernels
 * for newer GPUs. SASS runs on the same major version with an equal or higher minor: 8.9 (Ada) runs
 * the sm_86 code, 9.0 (Hopper) and later run nothing, and below 3.7 nothing matches either.
 */
public final class BackendGpuSupport {
    /** Lowest and highest compute capability with usable kernels, as major·10 + minor. */
    static final int LOWEST = 37;
    static final int HIGHEST = 89;

    private BackendGpuSupport() {}

    /** A GPU's CUDA compute capability major.minor. */
    public record ComputeCapability(int major, int minor) {
        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** One GPU as the driver reports it; {@code name} may be null when only the capability is known. */
    public record Gpu(int index, String name, ComputeCapability capability) {}

    /** Why ND4J's CUDA kernels cannot run on {@code gpu}, or empty when they can. */
    public static Optional<String> problem(Gpu gpu) {
        ComputeCapability cc = gpu.capability();
        int code = cc.major() * 10 + cc.minor();
        if (code >= LOWEST && code <= HIGHEST) {
            return Optional.empty();
        }
        String which = "GPU " + gpu.index() + (gpu.name() == null ? "" : " (" + gpu.name() + ")");
        return Optional.of(which + " has compute capability " + cc
                + ", but ND4J 1.0.0-M2.1's CUDA build only has kernels for sm_37..sm_86 (runs on 3.7..8.9, no PTX)"
                + "; use the CPU build (without -Pcuda) or a GPU of compute capability 3.7..8.9");
    }

    /** The first GPU ND4J cannot use, as a one-line explanation; empty when all are usable. */
    public static Optional<String> firstProblem(List<Gpu> gpus) {
        for (Gpu gpu : gpus) {
            Optional<String> p = problem(gpu);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /**
     * Parses {@code nvidia-smi --query-gpu=[name,]compute_cap --format=csv,noheader}: one GPU per line,
     * "major.minor" last, optionally after "name, ". Other lines (driver messages) are skipped.
     */
    public static List<Gpu> parseNvidiaSmi(String output) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            int comma = line.lastIndexOf(',');
            String cc = line.substring(comma + 1).trim();
            String name = comma < 0 ? null : line.substring(0, comma).trim();
            if (cc.matches("\\d+\\.\\d+")) {
                int dot = cc.indexOf('.');
                gpus.add(new Gpu(gpus.size(), name == null || name.isEmpty() ? null : name,
                        new ComputeCapability(Integer.parseInt(cc.substring(0, dot)), Integer.parseInt(cc.substring(dot + 1)))));
            }
        }
        return gpus;
    }
}
