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
        ObjectNode hashed = JSON.valueToTree(cc);
        hashed.remove("slurm"); // where the jobs run changes no result
        this.configSha = Provenance.sha256(hashed.toString() + "\n" + cfg.canonicalJson());
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
            return runClaimed(plans(), fineTuning);
        }
    }

    /** Set by {@link #prepareJobs}' caller: pre-training folders may be held by this run's own Slurm jobs. */
    private boolean asJobs;

    /** The run is about to become Slurm jobs: {@link #check} then leaves the pre-training folders to them. */
    public EfficiencyComparison asJobs() {
        this.asJobs = true;
        return this;
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
                ObjectNode identity = Pretrainer.identity(p.objective(), cfg.pretrain(), p.options());
                ObjectNode stored = RunManifest.read(p.dir());
                if (asJobs && stored != null) {
                    // a Slurm job of this run may be pre-training in the folder now: compare, without taking it
                    List<String> diffs = RunManifest.differences(stored, identity);
                    if (!diffs.isEmpty()) {
                        throw UserException.in(p.dir().resolve(RunManifest.FILE), "this run was started with other settings, "
                                + "refusing to resume it: " + String.join("; ", diffs) + "; use another --out");
                    }
                } else {
                    Pretrainer.claim(p.dir(), identity);
                }
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

    private List<ResultRow> runClaimed(List<Plan> plans, FineTuning fineTuning) {
        RunInfo run = Provenance.run("compare-" + configSha.substring(0, 12), createdUtc(), configSha);
        double budgetFlops = 0;
        long checkpointCount = cc.models().contains("none") ? 1 : 0;
        for (Plan p : plans) {
            budgetFlops += flopsToBudget(p);
            checkpointCount += p.stepAt().size();
        }
        OverallEta eta = new OverallEta(budgetFlops, plans.size(), checkpointCount * cc.tasks().size() * cc.seeds().size());
        List<FineTuningGrid.Checkpoint> checkpoints = new ArrayList<>();
        for (String model : cc.models()) {
            if (model.equals("none")) {
                checkpoints.add(control());
                continue;
            }
            Plan plan = plans.stream().filter(p -> p.model().equals(model)).findFirst().orElseThrow();
            boolean trains = !Files.exists(plan.dir().resolve("done.json"));
            long start = System.nanoTime();
            checkpoints.addAll(pretrain(plan));
            eta.pretrained(flopsToBudget(plan), trains ? (System.nanoTime() - start) / 1e9 : 0);
            say(eta.line());
        }
        List<ResultRow> rows = new FineTuningGrid(fineTuning, cfg, dataDir).run(run, checkpoints, cc.tasks(), cc.seeds(),
                (ck, task, seed) -> cellDir(new Cell(ck.info().model(), ck.info().checkpointFraction(), task, seed)),
                "compare: fine-tuning runs", progress, seconds -> {
                    eta.fineTuned(seconds);
                    say(eta.line());
                });
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

    // ---- the same run as jobs (compare --executor slurm): see SlurmGrid ----

    /**
     * One fine-tuning cell of the grid: a checkpoint (model and fraction of the budget; 0 for the "none"
     * control), a task and a seed. {@link #id()} names it on the command line of its job.
     */
    public record Cell(String model, double fraction, String task, long seed) {
        public String id() {
            return String.format(Locale.ROOT, "%s:%.4f:%s:%d", model, fraction, task, seed);
        }

        /** The cell an {@link #id()} names; a user error for anything else. */
        public static Cell parse(String id) {
            String[] f = id.split(":");
            try {
                if (f.length == 4) {
                    return new Cell(f[0], Double.parseDouble(f[1]), f[2], Long.parseLong(f[3]));
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new UserException("--job cell:" + id + ": expected cell:MODEL:FRACTION:TASK:SEED");
        }
    }

    /** The models that are pre-trained (all but the "none" control), in the config's order. */
    public List<String> pretrainedModels() {
        return cc.models().stream().filter(m -> !m.equals("none")).toList();
    }

    /** Every cell, in the order a local run fine-tunes them. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (String model : cc.models()) {
            List<Double> fractions = model.equals("none") ? List.of(0.0) : List.copyOf(new LinkedHashSet<>(cc.fractions()));
            for (double f : fractions) {
                for (String task : cc.tasks()) {
                    for (long seed : cc.seeds()) {
                        cells.add(new Cell(model, f, task, seed));
                    }
                }
            }
        }
        return cells;
    }

    /** Where a cell's outputs go (the same folder with either executor). */
    public Path cellDir(Cell c) {
        return out.resolve("finetune").resolve(c.model()).resolve(String.format(Locale.ROOT, "f%.4f", c.fraction()))
                .resolve(c.task()).resolve("seed-" + c.seed());
    }

    /** A pre-training's done-marker, written last, when every checkpoint is in place. */
    public Path pretrainDone(String model) {
        return out.resolve("pretrain-" + model).resolve("done.json");
    }

    private final Map<String, Plan> plansByModel = new LinkedHashMap<>();

    /** A model's plan, without taking --out (jobs run side by side in it). */
    private Plan planOf(String model) {
        return plansByModel.computeIfAbsent(model, this::plan);
    }

    /** The model folder a cell fine-tunes (it exists once its pre-training is done). */
    private Path checkpointDir(String model, double fraction) {
        if (model.equals("none")) {
            return out.resolve("pretrain-none").resolve("model");
        }
        Plan p = planOf(model);
        Long step = p.stepAt().get(fraction);
        if (step == null) {
            throw new UserException(out + ": the config has no checkpoint fraction " + fraction + " for " + model);
        }
        return PretrainCheckpoint.dir(p.dir(), step).resolve(p.objective().fineTuneFolder());
    }

    /**
     * Whether a cell has its result for the current inputs; {@code modelShas} caches each checkpoint folder's
     * hash across the calls of one pass.
     */
    public boolean cellDone(Cell c, Map<Path, String> modelShas) {
        if (!c.model().equals("none") && !Files.exists(pretrainDone(c.model()))) {
            return false;
        }
        Path model = checkpointDir(c.model(), c.fraction());
        if (!Files.isDirectory(model)) {
            return false;
        }
        String sha = modelShas.computeIfAbsent(model, RunManifest::folderSha256);
        return new FineTuningGrid(fineTuning, cfg, dataDir).done(sha, c.task(), c.seed(), cellDir(c));
    }

    /**
     * What the submitting process does before the first job: --out is taken and checked ({@link #check}), then
     * run.json gets the creation time and the config's hash (each job checks it) and the "none" control its
     * freshly initialised model, which its cells share.
     */
    public void prepareJobs() {
        try (RunLock lock = RunLock.acquire(out)) {
            plans();
            createdUtc();
            if (cc.models().contains("none")) {
                control();
            }
        }
    }

    /** A job refuses a run folder whose config is no longer the one its jobs were submitted with. */
    private void requireSubmittedConfig() {
        ObjectNode stored = RunManifest.read(out);
        String sha = stored == null || !stored.hasNonNull("config_sha256") ? null : stored.get("config_sha256").asText();
        if (!configSha.equals(sha)) {
            throw UserException.in(out, "the comparison config is not the one this run's jobs were submitted with "
                    + "(config_sha256 " + sha + " in run.json); submit again with --resume");
        }
    }

    /** A pre-training job: one model to the budget (or resumed from its last checkpoint). */
    public void runPretrainJob(String model) {
        requireSubmittedConfig();
        if (!pretrainedModels().contains(model)) {
            throw new UserException("--job pretrain:" + model + ": the config pre-trains " + String.join(", ", pretrainedModels()));
        }
        pretrain(planOf(model));
    }

    /** A fine-tuning cell's job: runs the cell in its folder, whose ledger is written last, atomically. */
    public FineTuning.Result runCellJob(Cell named) {
        requireSubmittedConfig();
        // by id: the id rounds the fraction to 4 decimals, the config's may have more
        Cell c = cells().stream().filter(x -> x.id().equals(named.id())).findFirst()
                .orElseThrow(() -> new UserException("--job cell:" + named.id() + ": not a cell of this comparison"));
        FineTuningGrid.Checkpoint ck;
        if (c.model().equals("none")) {
            ck = control();
        } else {
            if (!Files.exists(pretrainDone(c.model()))) {
                throw UserException.in(pretrainDone(c.model()), "missing: the pre-training of " + c.model() + " has not finished");
            }
            ck = pretrain(planOf(c.model())).stream().filter(k -> k.info().checkpointFraction() == c.fraction()).findFirst()
                    .orElseThrow();
        }
        return new FineTuningGrid(fineTuning, cfg, dataDir).runCell(ck, c.task(), c.seed(), cellDir(c));
    }

    /**
     * The report job: every cell's ledger into summary.csv, the leaderboard and the plots, as a local run
     * writes them; a cell without its result is an error naming it, never fine-tuned here.
     */
    public List<ResultRow> runReportJob() {
        requireSubmittedConfig();
        FineTuning readOnly = FineTuningGrid.readOnly(fineTuning, "compare --status " + out);
        try (RunLock lock = RunLock.acquire(out)) {
            for (String model : pretrainedModels()) {
                if (!Files.exists(pretrainDone(model))) {
                    throw UserException.in(pretrainDone(model), "missing: the pre-training of " + model + " has not finished");
                }
            }
            return runClaimed(pretrainedModels().stream().map(this::planOf).toList(), readOnly);
        }
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

    private double flopsToBudget(Plan plan) {
        return plan.options().maxSteps() * plan.objective().trainFlopsPerStep(cfg.pretrain().batchSize());
    }

    /** One line of the whole run's progress, where progress goes (nowhere with --quiet). */
    private void say(String line) {
        if (progress != null) {
            progress.println(line);
        }
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
