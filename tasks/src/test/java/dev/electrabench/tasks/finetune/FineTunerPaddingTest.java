package dev.electrabench.tasks.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.FinetuneSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training batches padded to their longest row give what padding every row to max_seq_length gives, up to
 * float rounding (dropout on): the same fine-tuned weights within 1e-4 and the same dev predictions, for a
 * sentence classifier and a tagger. Padding masks out of attention and gets no loss; the dropout masks are
 * keyed by position, so they do not move with the padding.
 */
class FineTunerPaddingTest {
    @ParameterizedTest
    @ValueSource(strings = {"sst2", "conll2003"})
    void longestPaddingTrainsAsMaxLengthPadding(String task, @TempDir Path tmp) throws IOException {
        Path model = TinyModels.randomDiscriminator(tmp.resolve("model"), 2, 5);
        FineTuneResult longest = run(model, task, FinetuneSection.PAD_LONGEST, tmp.resolve("longest"));
        FineTuneResult fixed = run(model, task, FinetuneSection.PAD_MAX_LENGTH, tmp.resolve("fixed"));

        assertTrue(longest.trainSteps() >= 10, longest.trainSteps() + " steps");
        Map<String, INDArray> a = HfCheckpoint.load(longest.bestDir()).parameters().asMap();
        Map<String, INDArray> b = HfCheckpoint.load(fixed.bestDir()).parameters().asMap();
        double worst = 0;
        double moved = 0;
        Map<String, INDArray> start = HfCheckpoint.load(model).parameters().asMap(); // the pre-trained encoder
        for (String name : a.keySet()) {
            worst = Math.max(worst, a.get(name).sub(b.get(name)).amaxNumber().doubleValue());
            if (start.containsKey(name)) {
                moved = Math.max(moved, a.get(name).sub(start.get(name)).amaxNumber().doubleValue());
            }
        }
        assertTrue(moved > 1e-3, "training moved the weights by " + moved);
        assertTrue(worst < 1e-4, "weights differ by " + worst);
        assertEquals(fixed.devMetrics(), longest.devMetrics());
        String predictions = task.equals("sst2") ? "dev_predictions.tsv" : "dev_predictions.conll";
        assertEquals(Files.readString(fixed.bestDir().resolveSibling(predictions)),
                Files.readString(longest.bestDir().resolveSibling(predictions)));
    }

    private static FineTuneResult run(Path model, String task, String padding, Path out) {
        // 64 positions: SST-2 phrases and CoNLL sentences are mostly far shorter, so the batches are padded less
        return FineTuner.run(new FineTuneRequest(model, task, TinyModels.config(1e-3, 16, 64, 1, 240, padding), 3, out, null,
                null, new FineTuneRequest.Options(0, 200, false)));
    }

}
