package dev.electrabench.core.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.checkpoint.Safetensors;
import dev.electrabench.core.checkpoint.TensorData;
import dev.electrabench.core.config.PretrainSection;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.io.RunManifest;
import dev.electrabench.core.optim.AdamW;
import dev.electrabench.core.optim.AdamWConfig;
import dev.electrabench.core.optim.LearningRateSchedule;
import dev.electrabench.core.pretrain.data.ExampleBatch;
import dev.electrabench.core.pretrain.data.PretrainingDataset;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.core.train.TrainingStep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pre-training loop both objectives share (nanoGPT-short on purpose): next batch → dynamic masking →
 * one {@link TrainingStep} (forward, backward, AdamW update) → log → checkpoint. Stops at a step count or a paper-convention FLOP
 * budget, whichever comes first. Every random draw is a function of (seed, step) and the data position
 * is checkpointed, so "N steps, kill, resume N" gives the same weights as 2N uninterrupted.
 *
 * <p>Layout of {@code out}: {@code metrics.csv}, {@code checkpoints/step-N/} ({@link PretrainCheckpoint}),
 * {@code final/}.
 */
public final class Pretrainer {
    public static final String METRICS = "metrics.csv";
    public static final String FINAL = "final";
    private static final String LOSS = "loss";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Run options beyond the config's pretrain section.
     *
     * @param config what the run folder records as the run's config (null: the pretrain section); a resume
     *               with another one is refused
     */
    public record Options(Path outDir, long maxSteps, double budgetFlops, long seed, Set<Long> extraCheckpointSteps,
                          PrintStream progress, long stopAfter, JsonNode config) {
        /** {@code stopAfter} > 0 stops (as if killed) after that step, for resume tests. */
        public Options {
            extraCheckpointSteps = Set.copyOf(extraCheckpointSteps);
        }

        public Options(Path outDir, long maxSteps, double budgetFlops, long seed, Set<Long> extraCheckpointSteps,
                       PrintStream progress, long stopAfter) {
            this(outDir, maxSteps, budgetFlops, seed, extraCheckpointSteps, progress, stopAfter, null);
        }
    }

    /** What a finished (or stopped) run produced. */
    public record Result(long steps, double trainFlops, double wallSeconds, double tokensPerSecond, Path finalDir,
                         Map<String, Double> lastMetrics) {}

    private final PretrainingObjective objective;
    private final PretrainSection cfg;
    private final PretrainingDataset data;
    private final Masker masker;
    private final Options opt;
    private final MetricsWindow window = new MetricsWindow();

    public Pretrainer(PretrainingObjective objective, PretrainSection cfg, PretrainingDataset data, Masker masker, Options opt) {
        this.objective = objective;
        this.cfg = cfg;
        this.data = data;
        this.masker = masker;
        this.opt = opt;
    }

    /** Steps to run: the step cap, or fewer if the FLOP budget is reached first. */
    public static long plannedSteps(long maxSteps, double budgetFlops, double flopsPerStep) {
        long steps = maxSteps > 0 ? maxSteps : Long.MAX_VALUE;
        if (budgetFlops > 0 && budgetFlops < flopsPerStep * (1 - 1e-9)) {
            // rounding up would silently train a whole step past the budget
            throw new UserException(String.format(Locale.ROOT, "FLOP budget %.3e is less than one training step "
                    + "(%.3e FLOPs); give at least %.3e", budgetFlops, flopsPerStep, flopsPerStep));
        }
        if (budgetFlops > 0) {
            steps = Math.min(steps, (long) Math.ceil(budgetFlops / flopsPerStep - 1e-9));
        }
        if (steps == Long.MAX_VALUE || steps <= 0) {
            throw new UserException("nothing to train: give a positive --max-steps or --budget-flops");
        }
        return steps;
    }

    /**
     * What the run folder records about this run (see {@link RunManifest}): a resume must match all of it.
     * Every input of the numbers is here: objective, seed, config, the planned steps (the LR schedule depends
     * on them), the extra checkpoint steps, every parameter's shape, the build.
     */
    public static ObjectNode identity(PretrainingObjective objective, JsonNode config, long seed, long totalSteps,
                                      Set<Long> checkpointSteps) {
        ObjectNode n = RunManifest.facts("pretrain");
        n.put("objective", objective.name());
        n.put("seed", seed);
        n.put("total_steps", totalSteps);
        ArrayNode extra = n.putArray("checkpoint_steps");
        new TreeSet<>(checkpointSteps).forEach(extra::add);
        n.set("config", config);
        ObjectNode shapes = n.putObject("shapes");
        objective.parameters().asMap().forEach((name, a) -> shapes.put(name, Arrays.toString(a.shape())));
        return n;
    }

    /** The identity of a run of {@code objective} with these settings (see {@link #identity}). */
    public static ObjectNode identity(PretrainingObjective objective, PretrainSection cfg, Options opt) {
        double flopsPerStep = objective.trainFlopsPerStep(cfg.batchSize());
        long total = plannedSteps(opt.maxSteps(), opt.budgetFlops(), flopsPerStep);
        return identity(objective, opt.config() != null ? opt.config() : JSON.valueToTree(cfg), opt.seed(), total,
                opt.extraCheckpointSteps());
    }

    /**
     * The part of a run config that decides pre-training: everything but the fine-tuning section and where
     * the data directory is (the same files elsewhere are the same run).
     */
    public static JsonNode configIdentity(RunConfig config) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(config.canonicalJson());
            n.remove(List.of("finetune", "data_dir", "dataDir"));
            return n;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back the canonical config", e);
        }
    }

    /**
     * Refuses (one line, exit 2) to start in a folder another process is writing, or to resume a run with other
     * settings; records the settings of a new run. Cheap: call before the data is opened, then {@link #run}.
     */
    public static void claim(Path out, ObjectNode identity) {
        try (RunLock lock = RunLock.acquire(out)) {
            if (RunManifest.read(out) == null && PretrainCheckpoint.latest(out) != null) {
                throw UserException.in(out, "holds checkpoints but no " + RunManifest.FILE
                        + " (an older electra-bench?): cannot tell which run they belong to; use another --out");
            }
            RunManifest.claim(out, identity, "use another --out (or delete it to start over)");
        }
    }

    public Result run() {
        try (RunLock lock = RunLock.acquire(opt.outDir())) {
            claim(opt.outDir(), identity(objective, cfg, opt));
            return runLocked();
        }
    }

    private Result runLocked() {
        int batch = cfg.batchSize();
        double flopsPerStep = objective.trainFlopsPerStep(batch);
        long total = plannedSteps(opt.maxSteps(), opt.budgetFlops(), flopsPerStep);
        LearningRateSchedule schedule = LearningRateSchedule.pretraining(cfg.learningRate(), total,
                Math.min(cfg.warmupSteps(), total), cfg.lrDecayPower());
        AdamW optimizer = new AdamW(new AdamWConfig(cfg.adamBeta1(), cfg.adamBeta2(), cfg.adamEpsilon(), cfg.weightDecay(),
                cfg.biasCorrection(), cfg.maxGradNorm()));
        TrainingStep<MaskedBatch> trainer = new TrainingStep<>(PretrainingSteps.create(objective, batch, opt.seed()), objective.parameters(), optimizer);

        Path out = opt.outDir();
        MetricsLog log = new MetricsLog(out.resolve(METRICS), objective.metricNames());
        window.clear();
        long step = 0;
        double wall = 0;
        State s = restoreNewestIntact(out, optimizer);
        if (s != null) {
            step = s.step;
            wall = s.wallSeconds;
            data.seek(s.dataPosition);
            log.truncateAfter(step);
        } else {
            log.truncateAfter(0);
        }
        int seqLength = data.seqLength();
        Map<String, Double> last = new LinkedHashMap<>();
        try (Progress bar = Progress.builder(objective.name() + " pretrain", total).unit("tok").out(opt.progress()).build()) {
            bar.resumeAt(step);
            long windowStart = System.nanoTime();
            long windowSteps = 0;
            while (step < total) {
                ExampleBatch b = data.next(batch);
                MaskedBatch masked = masker.mask(b, opt.seed(), step);
                double lr = schedule.at(step);
                // step 1 is logged too: its loss is the initial model's (HF Trainer's logging_first_step)
                boolean logging = step == 0 || (step + 1) % cfg.logEvery() == 0 || step + 1 == total;
                long t0 = System.nanoTime();
                TrainingStep.StepResult r;
                try {
                    // every random draw of the step (dropout masks, ELECTRA's samples) comes from this seed
                    r = trainer.step(masked, PretrainingSteps.stepSeed(opt.seed(), step), lr);
                } catch (TrainingStep.NonFiniteException e) {
                    Path good = PretrainCheckpoint.latest(out);
                    throw new UserException("training diverged at step " + (step + 1) + " (" + e.getMessage() + "); "
                            + (good == null ? "no checkpoint was written yet" : "last good checkpoint: " + good));
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                wall += dt;
                step++;
                windowSteps++;
                bar.advance(1, (double) batch * seqLength);
                bar.value("loss", r.loss());
                Map<String, Double> values = new LinkedHashMap<>(r.scalars());
                values.put(LOSS, r.loss());
                window.add(values);
                if (logging) {
                    double windowSec = (System.nanoTime() - windowStart) / 1e9;
                    double tokensPerSecond = windowSteps * (double) batch * seqLength / windowSec;
                    windowStart = System.nanoTime();
                    windowSteps = 0;
                    last = window.means();
                    window.clear();
                    log.add(step, step * (long) batch, step * (long) batch * seqLength, step * flopsPerStep, last.get(LOSS),
                            last, lr, r.gradNorm(), tokensPerSecond, wall);
                    log.write();
                }
                boolean periodic = cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0;
                if (periodic || opt.extraCheckpointSteps().contains(step) || step == total || step == opt.stopAfter()) {
                    if (!logging) {
                        log.write();
                    }
                    saveCheckpoint(out, step, optimizer, wall);
                }
                if (step == opt.stopAfter()) {
                    break;
                }
            }
        }
        Path finalDir = out.resolve(FINAL);
        if (step == total) {
            objective.saveModels(finalDir, masker.vocab());
        }
        trainer.close(); // compare runs fine-tuning next in this JVM
        double tokensPerSecond = wall > 0 ? step * (double) batch * seqLength / wall : 0;
        return new Result(step, step * flopsPerStep, wall, tokensPerSecond, finalDir, last);
    }

    // ---- checkpoints

    private record State(long step, long dataPosition, double wallSeconds) {}

    private void saveCheckpoint(Path out, long step, AdamW optimizer, double wall) {
        Path dir = PretrainCheckpoint.dir(out, step);
        Path tmp = PretrainCheckpoint.tempDir(out, step);
        try {
            AtomicFiles.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            objective.saveModels(tmp, masker.vocab());
            Files.createDirectories(tmp.resolve(PretrainCheckpoint.TRAINER));
            Map<String, TensorData> moments = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : optimizer.stateArrays().entrySet()) {
                moments.put(e.getKey(), HfCheckpoint.toTensor(e.getKey(), e.getValue()));
            }
            Safetensors.write(tmp.resolve(PretrainCheckpoint.OPTIMIZER), moments);
            ObjectNode state = JSON.createObjectNode();
            state.put("step", step);
            state.put("optimizer_step", optimizer.stepCount());
            state.put("data_position", data.position());
            state.put("wall_s", wall);
            state.put("seed", opt.seed());
            state.set("metrics_window", window.toJson());
            state.put("objective", objective.name());
            // state.json last: its presence marks a complete checkpoint
            AtomicFiles.writeString(tmp.resolve(PretrainCheckpoint.STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            AtomicFiles.deleteRecursively(dir);
            AtomicFiles.moveAtomically(tmp, dir);
            pruneCheckpoints(out, step);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * Restores the newest checkpoint that loads, saying so when a newer one does not (a half-written or
     * damaged file); null when there is none. Refuses when checkpoints exist but none loads.
     */
    private State restoreNewestIntact(Path out, AdamW optimizer) {
        List<Long> steps = new ArrayList<>(PretrainCheckpoint.steps(out).descendingSet());
        String newestProblem = null;
        for (long st : steps) {
            Path dir = PretrainCheckpoint.dir(out, st);
            try {
                State s = restore(dir, optimizer);
                if (newestProblem != null) {
                    System.err.println("electra-bench: warning: " + newestProblem + "; resuming from the previous intact checkpoint "
                            + dir);
                }
                return s;
            } catch (UserException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
                if (newestProblem == null) {
                    newestProblem = "checkpoint " + dir + " is unreadable (" + why + ")";
                }
            }
        }
        if (newestProblem != null) {
            throw new UserException(newestProblem + " and no earlier checkpoint is intact; use another --out");
        }
        return null;
    }

    private State restore(Path dir, AdamW optimizer) {
        PretrainCheckpoint.State saved = PretrainCheckpoint.read(dir); // cheap: a garbage state.json fails first
        objective.loadModels(dir);
        Map<String, TensorData> moments = Safetensors.read(dir.resolve(PretrainCheckpoint.OPTIMIZER));
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (TensorData t : moments.values()) {
            state.put(t.name(), Nd4j.create(t.values(), t.shape(), 'c').castTo(Nd4j.defaultFloatingPointType()));
        }
        optimizer.restoreState(state, saved.optimizerStep());
        window.restore(saved.metricsWindow());
        return new State(saved.step(), saved.dataPosition(), saved.wallSeconds());
    }

    private void pruneCheckpoints(Path out, long current) throws IOException {
        List<Long> periodic = new ArrayList<>();
        for (long s : PretrainCheckpoint.steps(out)) {
            if (!opt.extraCheckpointSteps().contains(s) && s != current) {
                periodic.add(s);
            }
        }
        int keep = Math.max(1, cfg.keepCheckpoints()) - 1; // the current one counts
        for (int i = 0; i < periodic.size() - keep; i++) {
            AtomicFiles.deleteRecursively(PretrainCheckpoint.dir(out, periodic.get(i)));
        }
    }
}
