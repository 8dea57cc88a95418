package dev.electrabench.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.electrabench.core.config.RunConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The MFU numerator against the PyTorch anchor: {@code ../shared/bench/README.md} measured bert-tiny
 * (2 / 128 / FFN 512, 19 masked slots per row) at 99.1 model GFLOP/s and 15,863 tokens/s with 4,096 tokens per
 * step, i.e. 99.1e9 · 4096 / 15863 FLOPs per step by {@code torch_reference.py}'s FLOP model.
 */
class MatmulFlopsTest {
    @Test
    void bertTinyMatchesTheTorchReferenceFlopModel() {
        RunConfig cfg = RunConfig.load(Path.of(System.getProperty("user.dir")).resolve("../configs/tiny.yaml"));
        double expected = 99.1e9 * 4096 / 15863; // the table's values are rounded to 3 digits
        assertEquals(expected, MaskedLmPretrainResumeTest.objective(cfg).matmulFlopsPerStep(32), 1e-3 * expected);
    }
}
