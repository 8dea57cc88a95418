package dev.electrabench.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Engine or graph: the engine only on ND4J's CPU backend, and never when the graph is forced. */
class EngineChoiceTest {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"eager", "engine"})
    void cpuBackendRunsTheEngineUnlessTheGraphIsForced(String property) {
        assertTrue(EngineChoice.useEngine(Backend.CPU_BACKEND_CLASS, property));
        assertFalse(EngineChoice.useEngine(Backend.CPU_BACKEND_CLASS, "graph"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"eager", "engine", "graph"})
    void cudaBackendAlwaysRunsTheGraph(String property) {
        // the engine calls OpenBLAS on host buffers: nothing may put it on the GPU build
        assertFalse(EngineChoice.useEngine(Backend.CUDA_BACKEND_CLASS, property));
    }

    @Test
    void anUnknownBackendRunsTheGraph() {
        assertFalse(EngineChoice.useEngine("org.example.SomeFutureBackend", null));
        assertFalse(EngineChoice.useEngine(null, null));
    }

    @Test
    void thisCpuBuildRunsTheEngineUnlessTheGraphIsForced() {
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", EngineChoice.currentBackendClass());
        assertTrue(EngineChoice.useEngine(EngineChoice.currentBackendClass(), null));
        assertFalse(EngineChoice.useEngine(EngineChoice.currentBackendClass(), EngineChoice.GRAPH));
    }

    @Test
    void thisProcessRunsTheEngine() {
        assumeTrue(System.getProperty(EngineChoice.ENGINE_PROPERTY) == null, "the graph may be forced from the command line");
        assertTrue(EngineChoice.useEngine());
    }

    @Test
    void thisProcessRunsTheGraphWhenForced() {
        String previous = System.setProperty(EngineChoice.ENGINE_PROPERTY, EngineChoice.GRAPH);
        try {
            assertFalse(EngineChoice.useEngine());
        } finally {
            if (previous == null) {
                System.clearProperty(EngineChoice.ENGINE_PROPERTY);
            } else {
                System.setProperty(EngineChoice.ENGINE_PROPERTY, previous);
            }
        }
    }
}
