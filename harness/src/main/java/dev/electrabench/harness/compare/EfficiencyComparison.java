package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.io.RunManifest;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.Masker;
import dev.electrabench.core.pretrain.PretrainCheckpoint;
import dev.electrabench.core.pretrain.Pretrainer;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.harness.pretrain.PretrainingObjectives;
import dev.electrabench.results.report.RunReport;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ELECTRA paper's efficiency comparison at any scale: every model is pre-trained to the same
 * paper-convention FLOP budget (the step counts come from the FLOP accounting: BERT takes more steps than
 * ELECTRA), checkpoints at fractions of the budget are fine-tuned on every task with every seed, and the
 * dev scores become summary.csv, the leaderboard and the efficiency plot.
 *
 * <p>Resumable per run: pre-training resumes from its last checkpoint, and the fine-tuning cells
 * ({@link FineTuningGrid}) from their ledgers, so a killed comparison continues where it stopped.
 */
public final class EfficiencyComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompareConfig cc;
    private final RunConfig cfg;
    private final Path out;
    private final Path dataDir;
    private final FineTuning fineTuning;
    private final PrintStream progress;
    private final String configSha;
    private final Path configFile;

    public EfficiencyComparison(CompareConfig cc, Path configFile, Path out, Path dataDir, FineTuning fineTuning, PrintStream progress) {
        this.cc = cc;
        this.configFile = configFile;
        this.cfg = cc.runConfig(configFile);
        this.out = out;
        this.dataDir = dataDir;
        this.fineTuning = fineTuning;
        this.progress = progress;
        this.configSha = Provenance.sha256(JSON.valueToTree(cc).toString() + "\n" + cfg.canonicalJson());
    }

    /** One model's pre-training to the budget: the objective, its options and where its checkpoints go. */
    private record Plan(String model, PretrainingObjective objective, Pretrainer.Options options, Map<Double, Long> stepAt) {
        Path dir() {
            return options.outDir();
        }
    }

    /**
     * Runs (or resumes) everything and writes the reports; returns the result rows. Everything that can be
     * checked is checked before the first step (one writer, tasks and their data, the budget against one step
     * of each model, a resumed run's settings against the config's); a resume then redoes exactly the
     * fine-tuning cells whose inputs changed, and refuses a changed pre-training.
     */
    public List<ResultRow> run() {
        try (RunLock lock = RunLock.acquire(out)) {
            return runClaimed(plans());
        }
    }

    /** The checks {@link #run} starts with (done once), for a caller that writes into --out before the run. */
    private List<Plan> checked;

    /**
     * Takes --out (one writer; held by the caller for the run's life) and checks everything before the first
     * expensive step; throws a one-line {@link UserException} for the first problem.
     */
    public void check() {
        plans();
    }

    private List<Plan> plans() {
        if (checked != null) {
            return checked;
        }
        try (RunLock lock = RunLock.acquire(out)) {
            if (RunManifest.read(out) != null) { // a resume: same build (written, with the config's hash, later)
                RunManifest.claim(out, RunManifest.facts("compare"), "use another --out");
            }
            FineTuningGrid.validateTasks(cc.tasks(), dataDir, configFile.toString());
            List<Plan> plans = new ArrayList<>();
            for (String model : cc.models()) {
                if (!model.equals("none")) {
                    plans.add(plan(model));
                }
            }
            for (Plan p : plans) {
                Pretrainer.claim(p.dir(), Pretrainer.identity(p.objective(), cfg.pretrain(), p.options()));
            }
            if (cc.models().contains("none")) {
                ObjectNode control = RunManifest.facts("control");
                control.put("seed", cfg.seed());
                control.set("model", JSON.valueToTree(cfg.model()));
                RunManifest.claim(out.resolve("pretrain-none"), control, "use another --out");
            }
            checked = plans;
            return plans;
        }
    }

    private List<ResultRow> runClaimed(List<Plan> plans) {
        RunInfo run = Provenance.run("compare-" + configSha.substring(0, 12), createdUtc(), configSha);
        List<FineTuningGrid.Checkpoint> checkpoints = new ArrayList<>();
        for (String model : cc.models()) {
            checkpoints.addAll(model.equals("none") ? List.of(control())
                    : pretrain(plans.stream().filter(p -> p.model().equals(model)).findFirst().orElseThrow()));
        }
        List<ResultRow> rows = new FineTuningGrid(fineTuning, cfg, dataDir).run(run, checkpoints, cc.tasks(), cc.seeds(),
                (ck, task, seed) -> out.resolve("finetune").resolve(ck.info().model())
                        .resolve(String.format(Locale.ROOT, "f%.4f", ck.info().checkpointFraction()))
                        .resolve(task).resolve("seed-" + seed),
                "compare: fine-tuning runs", progress);
        RunReport.write(rows, out, true);
        return rows;
    }

    /**
     * The run's creation time (kept across resumes) and, from now on, this config's hash: run.json and the rows
     * agree, the cells whose inputs the new config changed having been redone.
     */
    private String createdUtc() {
        ObjectNode stored = RunManifest.read(out);
        String created = stored != null && stored.hasNonNull("created_utc") ? stored.get("created_utc").asText()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode n = RunManifest.facts("compare");
        n.put("created_utc", created);
        n.put("config_sha256", configSha);
        RunManifest.write(out, n, stored);
        return created;
    }

    /** A model's pre-training plan; a budget below one of its steps is refused here, naming the minimum. */
    private Plan plan(String model) {
        PretrainingObjective objective = PretrainingObjectives.of(cfg, model, cfg.seed());
        int batch = cfg.pretrain().batchSize();
        double flopsPerStep = objective.trainFlopsPerStep(batch);
        if (cc.budgetFlops() < flopsPerStep) {
            throw UserException.in(configFile, String.format(Locale.ROOT, "budget_flops %.3e is less than one %s step "
                    + "(%.3e FLOPs at batch %d); give at least %.3e", cc.budgetFlops(), model, flopsPerStep, batch, flopsPerStep));
        }
        long totalSteps = Pretrainer.plannedSteps(0, cc.budgetFlops(), flopsPerStep);
        Map<Double, Long> stepAt = new LinkedHashMap<>();
        for (double f : new LinkedHashSet<>(cc.fractions())) {
            stepAt.put(f, Math.max(1, Math.round(f * totalSteps)));
        }
        Pretrainer.Options options = new Pretrainer.Options(out.resolve("pretrain-" + model), totalSteps, 0, cfg.seed(),
                Set.copyOf(stepAt.values()), progress, 0, Pretrainer.configIdentity(cfg));
        return new Plan(model, objective, options, stepAt);
    }

    /** Pre-trains one model to the budget (or resumes), returning its checkpoints at the fractions. */
    private List<FineTuningGrid.Checkpoint> pretrain(Plan plan) {
        String model = plan.model();
        PretrainingObjective objective = plan.objective();
        double flopsPerStep = objective.trainFlopsPerStep(cfg.pretrain().batchSize());
        Map<Double, Long> stepAt = plan.stepAt();
        Path dir = plan.dir();
        Path done = dir.resolve("done.json");
        if (!Files.exists(done)) {
            PretrainingSetup.Inputs in = PretrainingSetup.open(cfg, dataDir, PretrainingSetup.defaultCacheRoot(), cfg.seed());
            Pretrainer p = new Pretrainer(objective, cfg.pretrain(), in.dataset(), new Masker(objective.masking(), in.vocab()),
                    plan.options());
            Pretrainer.Result r = p.run();
            ObjectNode n = JSON.createObjectNode();
            n.put("steps", r.steps());
            n.put("train_flops", r.trainFlops());
            n.put("tokens_per_s", r.tokensPerSecond());
            AtomicFiles.writeString(done, n.toString());
        }
        double tokensPerS = readDouble(done, "tokens_per_s");
        // the model that is fine-tuned (ELECTRA: the discriminator, without the generator)
        long params = HfCheckpoint.parameterCount(dir.resolve(Pretrainer.FINAL).resolve(objective.fineTuneFolder()));
        List<FineTuningGrid.Checkpoint> list = new ArrayList<>();
        for (Map.Entry<Double, Long> e : stepAt.entrySet()) {
            Path ck = PretrainCheckpoint.dir(dir, e.getValue());
            double wall = PretrainCheckpoint.read(ck).wallSeconds();
            list.add(new FineTuningGrid.Checkpoint(ck.resolve(objective.fineTuneFolder()), new CheckpointInfo(model, cfg.name(), params,
                    e.getValue(), e.getValue() * flopsPerStep, e.getKey(), wall, tokensPerS)));
        }
        return list;
    }

    /** The "no pre-training" control: a freshly initialised discriminator, 0 FLOPs. */
    private FineTuningGrid.Checkpoint control() {
        Path dir = out.resolve("pretrain-none").resolve("model");
        TransformerConfig c = TransformerConfig.of(cfg.model(), Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        TransformerModel m = TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, cfg.seed());
        if (!Files.exists(dir.resolve(HfCheckpoint.WEIGHTS))) {
            HfCheckpoint.save(m, dir);
        }
        return new FineTuningGrid.Checkpoint(dir, new CheckpointInfo("none", cfg.name(), m.parameters().count(), 0, 0, 0, 0, Double.NaN));
    }

    private static double readDouble(Path json, String key) {
        try {
            return JSON.readTree(json.toFile()).get(key).asDouble();
        } catch (IOException | NullPointerException e) {
            return Double.NaN;
        }
    }
}
