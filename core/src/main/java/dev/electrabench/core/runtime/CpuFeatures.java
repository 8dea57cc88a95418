package dev.electrabench.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** CPU flags from /proc/cpuinfo, to choose OpenBLAS kernels (see dl4j-m2.1-notes: 4.5x on GEMM). */
public final class CpuFeatures {
    private CpuFeatures() {}

    /** SkylakeX with AVX-512, Haswell with AVX2, else empty (let OpenBLAS detect). */
    public static Optional<String> openBlasCoreType() {
        String flags = flags();
        if (flags.contains(" avx512f ")) {
            return Optional.of("SkylakeX");
        }
        if (flags.contains(" avx2 ")) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    static String flags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no flags
        }
        return " ";
    }
}
