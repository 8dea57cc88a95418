package dev.electrabench.electra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.electrabench.core.config.RunConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The MFU numerator against the PyTorch anchor: {@code ../shared/bench/README.md} measured electra-small
 * (4 / 256 / e 128, generator hidden 64, 19 masked slots per row) at 98.3 model GFLOP/s and 3,760 tokens/s with
 * 4,096 tokens per step, i.e. 98.3e9 · 4096 / 3760 FLOPs per step by {@code torch_reference.py}'s FLOP model.
 */
class MatmulFlopsTest {
    @Test
    void electraSmallMatchesTheTorchReferenceFlopModel() {
        RunConfig cfg = RunConfig.load(Path.of(System.getProperty("user.dir")).resolve("../configs/bench-small.yaml"));
        double expected = 98.3e9 * 4096 / 3760; // the table's values are rounded to 3-4 digits
        assertEquals(expected, PretrainResumeTest.objective(cfg).matmulFlopsPerStep(32), 1e-3 * expected);
    }
}
