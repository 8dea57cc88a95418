package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.tasks.finetune.FineTuneRequest;
import dev.electrabench.tasks.finetune.FineTuneResult;
import dev.electrabench.tasks.finetune.FineTuner;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@link FineTuning} through the tasks module's {@link FineTuner} (dev scores of the best epoch). */
public final class TaskFineTuning implements FineTuning {
    private final boolean predictTest;
    private final int maxEvalExamples;
    private final PrintStream progress;

    /**
     * @param predictTest     also write GLUE-submission test predictions (evaluate does, compare does not)
     * @param maxEvalExamples score on the first N dev examples only; 0 = all
     */
    public TaskFineTuning(boolean predictTest, int maxEvalExamples) {
        this(predictTest, maxEvalExamples, System.err);
    }

    /** @param progress where each run's progress bar goes (null: nowhere, for --quiet) */
    public TaskFineTuning(boolean predictTest, int maxEvalExamples, PrintStream progress) {
        this.predictTest = predictTest;
        this.maxEvalExamples = maxEvalExamples;
        this.progress = progress;
    }

    @Override
    public JsonNode identity() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("predict_test", predictTest);
        n.put("max_eval_examples", maxEvalExamples);
        return n;
    }

    @Override
    public Result run(Path modelDir, String task, RunConfig cfg, long seed, Path outDir, Path dataDir) {
        FineTuneResult r = FineTuner.run(new FineTuneRequest(modelDir, task, cfg, seed, outDir, dataDir, progress,
                new FineTuneRequest.Options(0, maxEvalExamples, predictTest)));
        return new Result(r.devMetrics(), r.wallSeconds());
    }
}
