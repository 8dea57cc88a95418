package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.electrabench.core.config.RunConfig;
import java.nio.file.Path;
import java.util.Map;

/** Fine-tunes one checkpoint on one task with one seed and returns its dev metrics (×100). */
@FunctionalInterface
public interface FineTuning {
    record Result(Map<String, Double> metrics, double wallSeconds) {}

    Result run(Path modelDir, String task, RunConfig cfg, long seed, Path outDir, Path dataDir);

    /** Settings of this fine-tuning beyond the config that change its results (a cell's ledger records them). */
    default JsonNode identity() {
        return JsonNodeFactory.instance.objectNode();
    }
}
