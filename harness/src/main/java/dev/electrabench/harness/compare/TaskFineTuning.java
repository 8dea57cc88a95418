package dev.electrabench.harness.compare;

import dev.electrabench.core.config.RunConfig;
import dev.electrabench.tasks.finetune.FineTuneRequest;
import dev.electrabench.tasks.finetune.FineTuneResult;
import dev.electrabench.tasks.finetune.FineTuner;
import java.nio.file.Path;

/** {@link FineTuning} through the tasks module's {@link FineTuner} (dev scores of the best epoch). */
public final class TaskFineTuning implements FineTuning {
    private final boolean predictTest;

    public TaskFineTuning() {
        this(false);
    }

    /** {@code predictTest}: also write GLUE-submission test predictions (evaluate does, compare does not). */
    public TaskFineTuning(boolean predictTest) {
        this.predictTest = predictTest;
    }

    @Override
    public Result run(Path modelDir, String task, RunConfig cfg, long seed, Path outDir, Path dataDir) {
        FineTuneResult r = FineTuner.run(new FineTuneRequest(modelDir, task, cfg, seed, outDir, dataDir, System.err,
                new FineTuneRequest.Options(0, 0, predictTest)));
        return new Result(r.devMetrics(), r.wallSeconds());
    }
}
