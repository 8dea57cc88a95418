package dev.electrabench.harness.compare;

import dev.electrabench.core.config.RunConfig;
import java.nio.file.Path;
import java.util.Map;

/** Fine-tunes one checkpoint on one task with one seed and returns its dev metrics (×100). */
@FunctionalInterface
public interface FineTuning {
    record Result(Map<String, Double> metrics, double wallSeconds) {}

    Result run(Path modelDir, String task, RunConfig cfg, long seed, Path outDir, Path dataDir);
}
