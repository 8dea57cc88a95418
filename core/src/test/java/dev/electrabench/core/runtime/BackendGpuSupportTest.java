package dev.electrabench.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.electrabench.core.runtime.BackendGpuSupport.ComputeCapability;
import dev.electrabench.core.runtime.BackendGpuSupport.Gpu;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The compute-capability rule for ND4J M2.1's CUDA build. Expected values come from the kernel list in
 * dl4j-m2.1-notes.md (SASS for sm_37, 50, 52, 60, 61, 70, 75, 80, 86; no PTX) and CUDA's binary
 * compatibility rule (SASS for X.y runs on X.z with z ≥ y).
 */
class BackendGpuSupportTest {
    private static Gpu gpu(int major, int minor) {
        return new Gpu(0, "test GPU", new ComputeCapability(major, minor));
    }

    @ParameterizedTest(name = "{0}.{1} usable = {2}")
    @CsvSource({
        "3, 0, false",  // Kepler GK104: no sm_30 code
        "3, 5, false",  // K40: sm_37 code needs 3.7+
        "3, 7, true",   // K80
        "5, 0, true", "5, 3, true", "6, 1, true", "6, 2, true", "7, 0, true", "7, 5, true",
        "8, 0, true",   // A100
        "8, 6, true",   // RTX 30xx / A10
        "8, 9, true",   // Ada L4 / RTX 40xx runs the sm_86 SASS
        "9, 0, false",  // Hopper H100 / H200: no sm_90 code, no PTX
        "10, 0, false", // Blackwell B200
        "12, 0, false", // RTX 50xx
    })
    void usableExactlyFrom37To89(int major, int minor, boolean usable) {
        Optional<String> problem = BackendGpuSupport.problem(gpu(major, minor));
        assertEquals(!usable, problem.isPresent(), problem.orElse("usable"));
        problem.ifPresent(p -> {
            assertTrue(p.contains("compute capability " + major + "." + minor), p);
            assertTrue(p.contains("sm_86"), p);
            assertTrue(!p.contains("\n"), "one line");
        });
    }

    @Test
    void parsesNvidiaSmiWithNames() {
        List<Gpu> gpus = BackendGpuSupport.parseNvidiaSmi("NVIDIA A100-SXM4-40GB, 8.0\nNVIDIA H100 80GB HBM3, 9.0\n");
        assertEquals(2, gpus.size());
        assertEquals(new Gpu(0, "NVIDIA A100-SXM4-40GB", new ComputeCapability(8, 0)), gpus.get(0));
        assertEquals(new Gpu(1, "NVIDIA H100 80GB HBM3", new ComputeCapability(9, 0)), gpus.get(1));
        String problem = BackendGpuSupport.firstProblem(gpus).orElseThrow();
        assertTrue(problem.startsWith("GPU 1 (NVIDIA H100 80GB HBM3) has compute capability 9.0"), problem);
    }

    @Test
    void parsesBareCapabilitiesAndSkipsDriverMessages() {
        List<Gpu> gpus = BackendGpuSupport.parseNvidiaSmi("8.6\r\n");
        assertEquals(1, gpus.size());
        assertNull(gpus.get(0).name());
        assertEquals(new ComputeCapability(8, 6), gpus.get(0).capability());
        // drivers older than 510 do not know the field
        assertEquals(List.of(), BackendGpuSupport.parseNvidiaSmi("Field \"compute_cap\" is not a valid field to query.\n"));
    }

    /** The layout CudaExecutioner.getEnvironmentInformation() uses: a list of maps with Long versions. */
    @Test
    void readsNd4jDeviceList() {
        Properties env = new Properties();
        env.put("backend", "CUDA");
        env.put("cuda.devicesInformation", List.of(
                Map.of("cuda.deviceName", "NVIDIA L4", "cuda.deviceMajor", 8L, "cuda.deviceMinor", 9L),
                Map.of("cuda.deviceName", "NVIDIA H200", "cuda.deviceMajor", 9L, "cuda.deviceMinor", 0L)));
        List<Gpu> gpus = Backend.gpusOf(env);
        assertEquals(List.of(new Gpu(0, "NVIDIA L4", new ComputeCapability(8, 9)),
                new Gpu(1, "NVIDIA H200", new ComputeCapability(9, 0))), gpus);
    }

    @Test
    void nd4jAnswerWinsAndNvidiaSmiIsTheFallback() {
        assertEquals(Optional.empty(), Backend.gpuProblem(Optional.of(List.of(gpu(8, 6))),
                () -> fail("nvidia-smi must not be asked when ND4J answered")));
        assertTrue(Backend.gpuProblem(Optional.empty(), () -> BackendGpuSupport.parseNvidiaSmi("9.0\n")).isPresent());
        // neither can tell: let ND4J fail (or work) on its own
        assertEquals(Optional.empty(), Backend.gpuProblem(Optional.empty(), List::of));
    }
}
