package dev.electrabench.tasks.finetune;

import dev.electrabench.core.config.RunConfig;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One fine-tuning run.
 *
 * @param modelDir an HF folder core can read (ELECTRA discriminator / generator, BERT baseline, a
 *                 fine-tuned model); its {@code vocab.txt} is used when present, else the config's vocab
 * @param task     a {@link dev.electrabench.tasks.registry.TaskRegistry} name
 * @param config   hyper-parameters: the {@code finetune:} section, plus {@code vocab}
 * @param seed     seeds the new head, the data order and dropout: same seed, same result
 * @param outDir   where metrics.csv, best/, predictions and result.json go
 * @param dataDir  the data directory (tasks' files, vocab); null = {@link dev.electrabench.core.runtime.DataDir#resolve()}
 * @param progress where the progress bar goes (null: nowhere)
 * @param options  caps and overrides for quick runs
 */
public record FineTuneRequest(Path modelDir, String task, RunConfig config, long seed, Path outDir, Path dataDir,
                              PrintStream progress, Options options) {

    /**
     * @param maxSeqLength    0 = the config's finetune.max_seq_length (SQuAD: 384)
     * @param maxEvalExamples evaluate on the first N dev examples only; 0 = all
     * @param predictTest     write test-split predictions with the best model when the task has a test file
     */
    public record Options(int maxSeqLength, int maxEvalExamples, boolean predictTest) {
        public static final Options DEFAULT = new Options(0, 0, true);

        public Options {
            if (maxSeqLength < 0 || maxEvalExamples < 0) {
                throw new IllegalArgumentException("caps must be >= 0");
            }
        }
    }

    public FineTuneRequest {
        options = options == null ? Options.DEFAULT : options;
    }

    public FineTuneRequest(Path modelDir, String task, RunConfig config, long seed, Path outDir, Path dataDir,
                           PrintStream progress) {
        this(modelDir, task, config, seed, outDir, dataDir, progress, Options.DEFAULT);
    }
}
