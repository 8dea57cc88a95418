package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.tasks.finetune.FineTuneRequest;
import dev.electrabench.tasks.finetune.FineTuneResult;
import dev.electrabench.tasks.finetune.FineTuner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench finetune}: fine-tunes an HF folder (ELECTRA discriminator, generator or BERT
 * baseline) on one task with the config's {@code finetune:} section (default: ELECTRA's defaults, as in
 * configs/tiny.yaml), writing metrics.csv, best/, dev (and test) predictions and result.json into --out.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Fine-tune a pre-trained model folder on a GLUE, SQuAD or CoNLL-2003 task; keep the best dev epoch.")
public final class FinetuneCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "HF model folder: config.json + model.safetensors or pytorch_model.bin (either may be sharded with an index)")
    Path model;

    @Option(names = "--task", required = true, description = "task name, e.g. sst2, mrpc, stsb, squad1.1-devsplit, conll2003")
    String task;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output directory")
    Path out;

    @Option(names = "--seed", description = "seed for the new head, data order and dropout (default: the config's)")
    Long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML run config (default: ELECTRA's fine-tuning defaults)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "D", description = "data directory (default: env ELECTRA_BENCH_DATA or ../shared/data)")
    Path dataDir;

    @Option(names = "--epochs", description = "epochs for this run (default: the config's for the task)")
    Integer epochs;

    @Option(names = "--max-train-examples", paramLabel = "N", description = "train on the first N examples (default: the config's; 0 = all)")
    Long maxTrainExamples;

    @Option(names = "--max-eval-examples", paramLabel = "N", description = "evaluate on the first N dev examples (default: all)")
    int maxEvalExamples;

    @Option(names = "--max-seq-length", paramLabel = "N", description = "override finetune.max_seq_length (SQuAD default: 384)")
    int maxSeqLength;

    @Option(names = "--padding", paramLabel = "HOW", description = "training batches padded to their longest row (longest) "
            + "or every row to max_seq_length (max_length) (default: the config's finetune.padding, longest)")
    String padding;

    @Option(names = "--no-test", description = "do not write test-split predictions")
    boolean noTest;

    @picocli.CommandLine.Mixin
    ConfigOverrideOption overrides;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxEvalExamples < 0 || maxSeqLength < 0 || (epochs != null && epochs <= 0)
                || (maxTrainExamples != null && maxTrainExamples < 0)) {
            throw new UserException("--epochs must be > 0 and --max-* values >= 0");
        }
        RunConfig cfg = withOverrides(RunConfig.load(config, overrides.overrides()));
        Path data = dataDir != null ? dataDir : cfg.dataDir() == null ? null : Path.of(cfg.dataDir());
        FineTuneRequest request = new FineTuneRequest(model, task, cfg, seed != null ? seed : cfg.seed(), out, data,
                quiet.progress(), new FineTuneRequest.Options(maxSeqLength, maxEvalExamples, !noTest));
        FineTuneResult r = FineTuner.run(request);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: dev %s %.2f (best epoch %d of %d) %s; %d steps, %.1f s, %.1f train examples/s; best model in %s%n",
                r.task(), r.primaryMetric(), r.primaryValue(), r.bestEpoch(), r.epochs().size(), r.devMetrics(),
                r.trainSteps(), r.wallSeconds(), r.trainExamplesPerSecond(), r.bestDir());
        if (!r.testMetrics().isEmpty()) {
            w.printf(Locale.ROOT, "%s: test %s%n", r.task(), r.testMetrics());
        }
        w.flush();
        return 0;
    }

    private RunConfig withOverrides(RunConfig cfg) {
        if (epochs == null && maxTrainExamples == null && padding == null) {
            return cfg;
        }
        FinetuneSection f = cfg.finetune();
        Map<String, Integer> e = epochs == null ? f.epochs() : Map.of(FinetuneSection.DEFAULT_EPOCHS, epochs);
        FinetuneSection g = new FinetuneSection(f.learningRate(), f.layerwiseLrDecay(), f.weightDecay(), f.warmupProportion(),
                f.batchSize(), f.maxSeqLength(), new TreeMap<>(e), maxTrainExamples != null ? maxTrainExamples : f.maxTrainExamples(),
                f.dropout(), padding != null ? padding : f.padding(), f.groupByLength());
        return cfg.withFinetune(g);
    }
}
