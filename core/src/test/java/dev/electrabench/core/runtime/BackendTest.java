package dev.electrabench.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend description on the build under test: the CPU (nd4j-native) one. */
class BackendTest {
    @Test
    void describesTheNativeCpuBackend() {
        BackendDescription d = Backend.describe();
        assertEquals("nd4j-native", d.backend());
        assertEquals("CpuBackend", d.backendClass());
        assertEquals("OPENBLAS", d.blasVendor());
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(d.device().endsWith(", " + cores + (cores == 1 ? " core" : " cores")), d.device());
        assertEquals(System.getenv("OPENBLAS_CORETYPE"), d.openBlasCoreType());
        assertNotNull(d.blasThreads());
        assertTrue(d.blasThreads() >= 1 && d.blasThreads() <= cores, "BLAS threads " + d.blasThreads());
        List<String> lines = d.lines();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("backend: nd4j-native (CpuBackend, BLAS OPENBLAS)"), lines.get(0));
    }

    @Test
    void cpuBuildHasNoGpuToGuard() {
        assertFalse(Backend.isCudaBuild());
        Backend.requireSupportedGpu(); // no CUDA backend: nothing to check, nothing thrown
    }

    @Test
    void describesAnUnsetOrEmptyCoreType() {
        BackendDescription unset = new BackendDescription("nd4j-native", "CpuBackend", "OPENBLAS", "cpu", null, 2);
        assertTrue(unset.lines().get(2).startsWith("OPENBLAS_CORETYPE: unset"), unset.lines().get(2));
        BackendDescription empty = new BackendDescription("nd4j-native", "CpuBackend", "OPENBLAS", "cpu", "", 2);
        assertTrue(empty.lines().get(2).contains("Core not found"), empty.lines().get(2));
        BackendDescription set = new BackendDescription("nd4j-native", "CpuBackend", "OPENBLAS", "cpu", "Haswell", 2);
        assertEquals("OPENBLAS_CORETYPE: Haswell", set.lines().get(2));
    }
}
