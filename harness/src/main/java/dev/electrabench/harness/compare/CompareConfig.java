package dev.electrabench.harness.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.electrabench.core.config.ConfigKeys;
import dev.electrabench.core.config.ConfigOverride;
import dev.electrabench.core.config.ConfigReference;
import dev.electrabench.core.config.ConfigTree;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.harness.slurm.SlurmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A matched-compute comparison: which models to pre-train to the same FLOP budget (paper convention),
 * at which fractions of it to fine-tune, on which tasks, with which seeds. Read like a run config
 * ({@link ConfigTree}): the same one-line "file:line: key: problem" errors and "did you mean" for unknown keys.
 *
 * @param run        the run config (model sizes, pretrain and finetune sections), relative to this file
 * @param budgetFlops pre-training budget per model, ELECTRA paper convention
 * @param models     any of electra, bert, none ("none" = the no-pre-training control)
 * @param fractions  checkpoint fractions of the budget in (0, 1]
 * @param tasks      task names of the TaskRegistry
 * @param seeds      fine-tuning seeds (≥ 3 for a spread)
 * @param dataDir    optional data directory
 * @param maxEvalExamples score on the first N dev examples only (0 = the whole dev set), for quick runs
 * @param slurm      where and how {@code compare --executor slurm} runs the jobs (optional; results do not
 *                   depend on it, so it is not part of the config's hash)
 * @param runOverrides {@code --set} overrides of the run config's keys, applied by {@link #runConfig}
 *                     (not part of the comparison's own fields: the run config's hash records their effect)
 */
public record CompareConfig(String name, String run, double budgetFlops, List<String> models, List<Double> fractions,
                            List<String> tasks, List<Long> seeds, String dataDir, int maxEvalExamples,
                            SlurmSettings slurm, @JsonIgnore List<ConfigOverride> runOverrides) {
    static final Set<String> MODELS = Set.of("electra", "bert", "none");

    /** The keys of a compare config; a {@code --set} of any other key goes to its run config. */
    public static final ConfigKeys KEYS = new ConfigKeys(keys(), Set.of());

    private static Set<String> keys() {
        Set<String> k = new TreeSet<>(Set.of("name", "run", "budget_flops", "models", "fractions", "tasks", "seeds",
                "data_dir", "max_eval_examples"));
        for (ConfigReference.Entry e : SlurmSettings.REFERENCE) {
            k.add(e.key());
        }
        return k;
    }

    /** What each key means, for the config reference (same order as {@link #KEYS} reads best). */
    public static final List<ConfigReference.Entry> REFERENCE = withSlurm(List.of(
            entry("name", ConfigReference.Range.described("any string"), "", "The comparison's name (optional; run ids come from the config's hash)."),
            entry("run", ConfigReference.Range.described("a run config file"), "",
                    "The run config (model, pretrain and finetune sections), relative to this file."),
            entry("budget_flops", ConfigReference.Range.above(0), "ELECTRA paper's FLOP convention",
                    "Pre-training budget of every model: BERT gets the steps its FLOPs allow."),
            entry("models", ConfigReference.Range.oneOf("electra", "bert", "none"), "",
                    "Models to compare, a list; none = the no-pre-training control."),
            entry("fractions", ConfigReference.Range.between(0, false, 1, true), "",
                    "Fractions of the budget at which checkpoints are fine-tuned, a list."),
            entry("tasks", ConfigReference.Range.described("task names (`data list`)"), "", "Fine-tuning tasks, a list."),
            entry("seeds", ConfigReference.Range.described("integers"), "HF `seed`",
                    "Fine-tuning seeds, a list; the same seed pairs the models' runs."),
            entry("data_dir", ConfigReference.Range.described("a directory, or null"), "ELECTRA `data_dir`",
                    "Data directory; null = `--data-dir`, env `ELECTRA_BENCH_DATA` or `../shared/data`."),
            entry("max_eval_examples", ConfigReference.Range.atLeast(0), "HF `max_eval_samples`",
                    "Score on the first N dev examples only; 0 = the whole dev set.")));

    /** Defaults of the keys that have one (the others are required); no {@code slurm:} key has one. */
    public static final java.util.Map<String, String> DEFAULTS = defaults();

    private static List<ConfigReference.Entry> withSlurm(List<ConfigReference.Entry> own) {
        List<ConfigReference.Entry> all = new ArrayList<>(own);
        all.addAll(SlurmSettings.REFERENCE);
        return List.copyOf(all);
    }

    private static java.util.Map<String, String> defaults() {
        java.util.Map<String, String> d = new java.util.TreeMap<>(java.util.Map.of("name", "null", "run", "(required)",
                "budget_flops", "(required)", "models", "(required)", "fractions", "(required)", "tasks", "(required)",
                "seeds", "(required)", "data_dir", "null", "max_eval_examples", "0"));
        for (ConfigReference.Entry e : SlurmSettings.REFERENCE) {
            d.put(e.key(), "null");
        }
        return java.util.Collections.unmodifiableMap(d);
    }

    private static ConfigReference.Entry entry(String key, ConfigReference.Range range, String upstream, String meaning) {
        return new ConfigReference.Entry(key, range, upstream, meaning);
    }

    private static final ObjectMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public CompareConfig {
        runOverrides = runOverrides == null ? List.of() : List.copyOf(runOverrides);
    }

    public static CompareConfig load(Path file) {
        return load(file, List.of());
    }

    /**
     * Reads the file and applies {@code --set} overrides: keys of this config ({@code budget_flops},
     * {@code seeds=[1,2]}) change it; any other key must be a run config's ({@code pretrain.learning_rate}) and
     * changes the run config this comparison reads. A key of neither is refused with the closest of both.
     */
    public static CompareConfig load(Path file, List<ConfigOverride> overrides) {
        ConfigTree tree = ConfigTree.read(file, "compare config");
        tree.checkKeys(KEYS);
        List<ConfigOverride> forRun = new ArrayList<>();
        for (ConfigOverride o : overrides) {
            if (KEYS.accepts(o.key())) {
                tree.set(o);
            } else if (RunConfig.keys().accepts(o.key())) {
                forRun.add(o);
            } else {
                Set<String> both = new TreeSet<>(KEYS.all());
                both.addAll(RunConfig.keys().all());
                ConfigTree.checkKey(o, new ConfigKeys(both, Set.of("finetune.epochs")));
            }
        }
        CompareConfig c = tree.bind(BINDER, CompareConfig.class);
        c.validate(tree);
        c.slurmSettings().validate(file);
        return new CompareConfig(c.name, c.run, c.budgetFlops, c.models, c.fractions, c.tasks, c.seeds, c.dataDir,
                c.maxEvalExamples, c.slurm, forRun);
    }

    private void validate(ConfigTree tree) {
        require(tree, "run", run != null && !run.isBlank(), "required (the run config, e.g. tiny.yaml)");
        require(tree, "budget_flops", budgetFlops > 0, "must be > 0");
        require(tree, "models", models != null && !models.isEmpty(), "required");
        for (String m : models) {
            require(tree, "models", MODELS.contains(m), "unknown model '" + m + "' (electra, bert, none)");
        }
        require(tree, "fractions", fractions != null && !fractions.isEmpty(), "required");
        for (double f : fractions) {
            require(tree, "fractions", f > 0 && f <= 1, f + " is not in (0, 1]");
        }
        require(tree, "tasks", tasks != null && !tasks.isEmpty(), "required");
        require(tree, "seeds", seeds != null && !seeds.isEmpty(), "required");
        require(tree, "max_eval_examples", maxEvalExamples >= 0, "must be >= 0");
    }

    private static void require(ConfigTree tree, String key, boolean ok, String problem) {
        if (!ok) {
            throw tree.problem(key, key + ": " + problem);
        }
    }

    /** The {@code slurm:} section, or every default when there is none. */
    public SlurmSettings slurmSettings() {
        return slurm == null ? SlurmSettings.DEFAULTS : slurm;
    }

    /** The run config, resolved next to this file, with the run config's {@code --set} overrides. */
    public RunConfig runConfig(Path compareFile) {
        Path base = compareFile.toAbsolutePath().getParent();
        return RunConfig.load(base.resolve(run), runOverrides);
    }
}
