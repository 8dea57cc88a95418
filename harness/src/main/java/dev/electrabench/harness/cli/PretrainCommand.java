package dev.electrabench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.pretrain.Masker;
import dev.electrabench.core.pretrain.Pretrainer;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.core.pretrain.UnigramBaseline;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.pretrain.PretrainingObjectives;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code electra-bench pretrain}: ELECTRA or the BERT baseline on the config's corpus; resumes from DIR's checkpoints. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Pre-train ELECTRA (replaced-token detection) or the BERT MLM baseline; rerun on the same --out to resume.")
public final class PretrainCommand implements Callable<Integer> {
    /** Examples read for the unigram baseline: ~2.5M tokens at seq 128, well under a second. */
    private static final int BASELINE_EXAMPLES = 20_000;
    /** The resolved run config, written into --out. */
    static final String RESOLVED_CONFIG = "config.yaml";

    @Option(names = "--config", required = true, description = "YAML run config (e.g. configs/tiny.yaml)")
    Path config;

    @Option(names = {"--objective", "--model"}, required = true, description = "What to pre-train: electra (replaced-token detection) or bert (masked LM). --model is the old name.")
    String model;

    @Option(names = "--out", required = true, description = "output directory (metrics.csv, checkpoints/, final/)")
    Path out;

    @Option(names = "--max-steps", description = "step cap (default: the config's pretrain.max_steps)")
    Long maxSteps;

    @Option(names = "--budget-flops", description = "stop when paper-convention training FLOPs reach this")
    Double budgetFlops;

    @Option(names = "--seed", description = "seed (default: the config's)")
    Long seed;

    @Option(names = "--data-dir", description = "data directory (default: env ELECTRA_BENCH_DATA or ../shared/data)")
    Path dataDir;

    @picocli.CommandLine.Mixin
    ConfigOverrideOption overrides;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        RunConfig cfg = RunConfig.load(config, overrides.overrides());
        long s = seed != null ? seed : cfg.seed();
        Path data = DataDir.resolve(dataDir != null ? dataDir : cfg.dataDir() == null ? null : Path.of(cfg.dataDir()));
        PretrainingObjective objective = PretrainingObjectives.of(cfg, model, s);
        long steps = maxSteps != null ? maxSteps : (budgetFlops != null ? 0 : cfg.pretrain().maxSteps());
        Pretrainer.Options options = new Pretrainer.Options(out, steps, budgetFlops == null ? 0 : budgetFlops, s, Set.of(),
                quiet.progress(), 0, Pretrainer.configIdentity(cfg));
        ObjectNode identity = Pretrainer.identity(objective, cfg.pretrain(), options); // refuses a budget below one step
        // held from here to the end: the checks below and the run see one owner of --out
        try (RunLock lock = RunLock.acquire(out)) {
            // before the data is read: a second writer, an unwritable folder or another run's checkpoints end here
            Pretrainer.claim(out, identity);
            // the config this run resolved (file, defaults and --set), to read or rerun with --config
            AtomicFiles.writeString(out.resolve(RESOLVED_CONFIG), cfg.toYaml());
            return train(cfg, objective, options, data, s);
        }
    }

    private int train(RunConfig cfg, PretrainingObjective objective, Pretrainer.Options options, Path data, long s) {
        PretrainingSetup.Inputs in = PretrainingSetup.open(cfg, data, PretrainingSetup.defaultCacheRoot(), s);
        Masker masker = new Masker(objective.masking(), in.vocab());
        UnigramBaseline unigram = UnigramBaseline.of(in.dataset().examples(), masker, in.vocab().size(), BASELINE_EXAMPLES);
        System.out.printf(Locale.ROOT, "unigram baseline (%d tokens of %d examples): always \"%s\" scores masked accuracy %.4f; "
                        + "unigram cross-entropy %.3f nats%n", unigram.tokens(), unigram.examples(),
                in.vocab().token(unigram.mostFrequentId()), unigram.accuracy(), unigram.crossEntropy());
        Pretrainer trainer = new Pretrainer(objective, cfg.pretrain(), in.dataset(), masker, options);
        Pretrainer.Result r = trainer.run();
        System.out.printf(Locale.ROOT, "%s: %d steps, %.3e train FLOPs, %.1f s, %.0f tokens/s; final model in %s%n",
                objective.name(), r.steps(), r.trainFlops(), r.wallSeconds(), r.tokensPerSecond(), r.finalDir());
        String versus = againstBaselines(r.lastMetrics(), unigram);
        if (!versus.isEmpty()) {
            System.out.println("last log window: " + versus);
        }
        return 0;
    }

    /** The last logged metrics next to what guessing without context scores. */
    static String againstBaselines(Map<String, Double> metrics, UnigramBaseline unigram) {
        StringBuilder line = new StringBuilder();
        Double masked = metrics.get("mlm_masked_accuracy");
        if (masked != null && !masked.isNaN()) {
            line.append(String.format(Locale.ROOT, "mlm_masked_accuracy %.4f vs unigram %.4f", masked, unigram.accuracy()));
        }
        Double disc = metrics.get("disc_accuracy");
        Double replaced = metrics.get("replaced_fraction");
        if (disc != null && replaced != null) {
            line.append(line.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "disc_accuracy %.4f vs all-original %.4f, disc_auc %.3f (0.5 = chance)", disc, 1 - replaced,
                    metrics.getOrDefault("disc_auc", Double.NaN)));
        }
        return line.toString();
    }
}
