package dev.electrabench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlasLauncherTest {
    @Test
    void addsWhatIsMissingAndKeepsWhatTheUserSet() {
        assertEquals(Map.of("OPENBLAS_CORETYPE", "SkylakeX", "OMP_WAIT_POLICY", "PASSIVE"),
                BlasLauncher.missingEnvironment(Map.of(), Optional.of("SkylakeX")));
        // an empty OPENBLAS_CORETYPE is not "unset" to OpenBLAS ("Core not found"): it is replaced
        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell"),
                BlasLauncher.missingEnvironment(Map.of("OPENBLAS_CORETYPE", "", "OMP_WAIT_POLICY", "ACTIVE"), Optional.of("Haswell")));
        assertEquals(Map.of(), BlasLauncher.missingEnvironment(
                Map.of("OPENBLAS_CORETYPE", "Prescott", "OMP_WAIT_POLICY", "ACTIVE"), Optional.of("SkylakeX")));
        // a CPU without a better core type only needs the wait policy
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), BlasLauncher.missingEnvironment(Map.of(), Optional.empty()));
    }
}
