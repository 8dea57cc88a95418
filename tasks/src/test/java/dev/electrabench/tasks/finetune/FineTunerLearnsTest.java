package dev.electrabench.tasks.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.classification.GlueExample;
import dev.electrabench.tasks.classification.GluePredictionFile;
import dev.electrabench.tasks.classification.GlueTasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning learns: a 1-layer model (H 64) fine-tuned from random initialisation on the first 2,000
 * SST-2 training phrases (4 epochs, lr 3e-3, batch 32, seq 32) beats the majority-class baseline of the
 * whole SST-2 dev set by more than 5 points (measured: 70.5–71.8 over three seeds vs 50.9), and writes a
 * complete GLUE submission file for the test split.
 */
class FineTunerLearnsTest {

    @Test
    void sst2DevAccuracyBeatsTheMajorityClass(@TempDir Path tmp) {
        List<GlueExample> dev = GlueTasks.SST2.examples(DataDir.resolve(), Split.DEV);
        long positives = dev.stream().filter(e -> e.label().equals("1")).count();
        double majority = 100.0 * Math.max(positives, dev.size() - positives) / dev.size(); // 444 of 872 = 50.9

        Path model = TinyModels.randomDiscriminator(tmp.resolve("model"), 1, 3);
        Path out = tmp.resolve("out");
        FineTuneResult r = FineTuner.run(new FineTuneRequest(model, "sst2", TinyModels.config(3e-3, 32, 32, 4, 2000), 11,
                out, null, null));
        assertEquals("accuracy", r.primaryMetric());
        assertTrue(r.primaryValue() > majority + 5, "dev accuracy " + r.primaryValue() + " vs majority " + majority);

        // the submission has a valid prediction for every one of the 1,821 test rows
        List<GlueExample> test = GlueTasks.SST2.examples(DataDir.resolve(), Split.TEST);
        Map<String, String> submitted = GluePredictionFile.read(out.resolve("test/SST-2.tsv"), GlueTasks.SST2, test);
        assertEquals(test.size(), submitted.size());
    }
}
