package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every comparison in {@code configs/} loads as a user would run it: its keys, its run config, and its tasks
 * against the real data directory. The long ones (compare-mini, compare-curve) run for hours, so a typo in
 * them would otherwise surface only after a user started one.
 */
class ShippedCompareConfigsTest {
    @Test
    void everyShippedComparisonLoadsWithItsRunConfigAndTasks() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CompareSmokeTest.ROOT.resolve("configs"))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("compare-")).sorted().toList();
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("compare-tiny.yaml", "compare-mini.yaml", "compare-curve.yaml")), names::toString);
        Path data = DataDir.resolve(null);
        for (Path f : files) {
            CompareConfig cc = assertDoesNotThrow(() -> CompareConfig.load(f), f::toString);
            RunConfig run = assertDoesNotThrow(() -> cc.runConfig(f), f::toString);
            assertTrue(cc.seeds().size() >= 1 && run.pretrain().batchSize() > 0, f::toString);
            assertDoesNotThrow(() -> FineTuningGrid.validateTasks(cc.tasks(), data, f.toString()), f::toString);
        }
    }
}
