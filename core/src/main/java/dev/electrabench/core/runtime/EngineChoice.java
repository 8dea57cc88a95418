package dev.electrabench.core.runtime;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Where training and inference steps compute: on the eager engine ({@code core.engine}) or on the SameDiff
 * graph. Pre-training ({@code core.pretrain.PretrainingSteps}) and fine-tuning ({@code tasks.finetune.FineTuner})
 * ask here, so the rule lives in one place.
 *
 * <p>The engine multiplies with {@code cblas_sgemm} on host buffers, so it runs only on ND4J's CPU backend
 * (nd4j-native, which brings OpenBLAS). On any other backend, i.e. the CUDA build, the graph runs.
 * {@code -Delectrabench.engine=graph} forces the graph on the CPU backend too (to compare the two);
 * nothing forces the engine.
 */
public final class EngineChoice {
    /** The system property that can force the graph. */
    public static final String ENGINE_PROPERTY = "electrabench.engine";
    /** The value of {@link #ENGINE_PROPERTY} that forces the graph. */
    public static final String GRAPH = "graph";

    private EngineChoice() {}

    /** The choice for this process: ND4J's backend (loads ND4J) and {@code -Delectrabench.engine}. */
    public static boolean useEngine() {
        return useEngine(currentBackendClass(), System.getProperty(ENGINE_PROPERTY));
    }

    /**
     * @param backendClass   ND4J's backend class name ({@code Nd4j.getBackend().getClass().getName()})
     * @param engineProperty the value of {@code -Delectrabench.engine}, null when unset
     * @return true for the eager engine, false for the SameDiff graph
     */
    public static boolean useEngine(String backendClass, String engineProperty) {
        return Backend.CPU_BACKEND_CLASS.equals(backendClass) && !GRAPH.equals(engineProperty);
    }

    /** ND4J's backend class name; loads ND4J. */
    public static String currentBackendClass() {
        return Nd4j.getBackend().getClass().getName();
    }
}
