package dev.electrabench.core.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * What ND4J runs on, for the {@code --verbose} start-up report.
 *
 * @param backend          "nd4j-native" or "nd4j-cuda" (from the loaded ND4J backend)
 * @param backendClass     the ND4J backend class, e.g. CpuBackend or JCublasBackend
 * @param blasVendor       ND4J's BLAS vendor, e.g. OPENBLAS or CUBLAS (null if unknown)
 * @param device           CPU model and core count, or the GPU name(s) and compute capability
 * @param openBlasCoreType OPENBLAS_CORETYPE as this process sees it (null when unset)
 * @param blasThreads      BLAS threads reported by ND4J (null if unknown)
 */
public record BackendDescription(String backend, String backendClass, String blasVendor, String device,
                                 String openBlasCoreType, Integer blasThreads) {

    /** Human-readable lines, one fact each. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("backend: " + backend + " (" + backendClass + (blasVendor == null ? "" : ", BLAS " + blasVendor) + ")");
        lines.add("device: " + device);
        lines.add("OPENBLAS_CORETYPE: " + coreTypeText());
        lines.add("BLAS threads: " + (blasThreads == null ? "unknown" : blasThreads));
        return lines;
    }

    private String coreTypeText() {
        if (openBlasCoreType == null) {
            String wanted = CpuFeatures.openBlasCoreType().orElse(null);
            return wanted == null ? "unset (OpenBLAS detects the CPU)"
                    : "unset (OpenBLAS 0.3.19 may misdetect this CPU; " + wanted + " would be faster)";
        }
        // OpenBLAS treats an empty value as a core name: "Core not found", then falls back
        return openBlasCoreType.isEmpty() ? "set but empty (OpenBLAS: \"Core not found\")" : openBlasCoreType;
    }
}
