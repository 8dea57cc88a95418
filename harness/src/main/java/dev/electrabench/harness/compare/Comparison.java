package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.Masker;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.core.pretrain.Pretrainer;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.harness.cli.PretrainCommand;
import dev.electrabench.results.report.RunReport;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
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
 * <p>Resumable per run: pre-training resumes from its last checkpoint, and each finished fine-tuning run
 * leaves {@code run-ledger.json}, so a killed comparison continues where it stopped.
 */
public final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompareConfig cc;
    private final RunConfig cfg;
    private final Path out;
    private final Path dataDir;
    private final FineTuning fineTuning;
    private final PrintStream progress;
    private final String configSha;

    /** One checkpoint to fine-tune: its model folder and provenance. */
    record Checkpoint(Path modelDir, CheckpointInfo info) {}

    public Comparison(CompareConfig cc, Path configFile, Path out, Path dataDir, FineTuning fineTuning, PrintStream progress) {
        this.cc = cc;
        this.cfg = cc.runConfig(configFile);
        this.out = out;
        this.dataDir = dataDir;
        this.fineTuning = fineTuning;
        this.progress = progress;
        this.configSha = Provenance.sha256(JSON.valueToTree(cc).toString() + "\n" + cfg.canonicalJson());
    }

    /** Runs (or resumes) everything and writes the reports; returns the result rows. */
    public List<ResultRow> run() {
        RunInfo run = Provenance.run("compare-" + configSha.substring(0, 12), createdUtc(), configSha);
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (String model : cc.models()) {
            checkpoints.addAll(model.equals("none") ? List.of(control()) : pretrain(model));
        }
        List<ResultRow> rows = new ArrayList<>();
        long total = (long) checkpoints.size() * cc.tasks().size() * cc.seeds().size();
        try (Progress bar = Progress.builder("compare: fine-tuning runs", total).unit("run").out(progress).build()) {
            for (Checkpoint ck : checkpoints) {
                for (String task : cc.tasks()) {
                    for (long seed : cc.seeds()) {
                        Path dir = out.resolve("finetune").resolve(ck.info().model())
                                .resolve(String.format(Locale.ROOT, "f%.4f", ck.info().checkpointFraction()))
                                .resolve(task).resolve("seed-" + seed);
                        FineTuning.Result r = fineTuneOnce(ck, task, seed, dir);
                        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                            rows.add(ResultRow.measured(run, ck.info(), task, "dev", seed, m.getKey(), m.getValue(), r.wallSeconds()));
                        }
                        bar.advance(1);
                    }
                }
            }
        }
        RunReport.write(rows, out, true);
        return rows;
    }

    private String createdUtc() {
        Path f = out.resolve("run.json");
        try {
            if (Files.exists(f)) {
                return JSON.readTree(f.toFile()).get("created_utc").asText();
            }
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            ObjectNode n = JSON.createObjectNode();
            n.put("created_utc", now);
            n.put("config_sha256", configSha);
            AtomicFiles.writeString(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            return now;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pre-trains one model to the budget (or resumes), returning its checkpoints at the fractions. */
    private List<Checkpoint> pretrain(String model) {
        PretrainingObjective objective = PretrainCommand.objective(cfg, model, cfg.seed());
        int batch = cfg.pretrain().batchSize();
        double flopsPerStep = objective.trainFlopsPerStep(batch);
        long totalSteps = Pretrainer.plannedSteps(0, cc.budgetFlops(), flopsPerStep);
        Map<Double, Long> stepAt = new LinkedHashMap<>();
        for (double f : new LinkedHashSet<>(cc.fractions())) {
            stepAt.put(f, Math.max(1, Math.round(f * totalSteps)));
        }
        Path dir = out.resolve("pretrain-" + model);
        Path done = dir.resolve("done.json");
        if (!Files.exists(done)) {
            PretrainingSetup.Inputs in = PretrainingSetup.open(cfg, dataDir, PretrainingSetup.defaultCacheRoot(), cfg.seed());
            Pretrainer p = new Pretrainer(objective, cfg.pretrain(), in.dataset(), new Masker(objective.masking(), in.vocab()),
                    new Pretrainer.Options(dir, totalSteps, 0, cfg.seed(), Set.copyOf(stepAt.values()), progress, 0));
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
        List<Checkpoint> list = new ArrayList<>();
        for (Map.Entry<Double, Long> e : stepAt.entrySet()) {
            Path ck = dir.resolve(Pretrainer.CHECKPOINTS).resolve("step-" + e.getValue());
            double wall = readDouble(ck.resolve("trainer/state.json"), "wall_s");
            list.add(new Checkpoint(ck.resolve(objective.fineTuneFolder()), new CheckpointInfo(model, cfg.name(), params,
                    e.getValue(), e.getValue() * flopsPerStep, e.getKey(), wall, tokensPerS)));
        }
        return list;
    }

    /** The "no pre-training" control: a freshly initialised discriminator, 0 FLOPs. */
    private Checkpoint control() {
        Path dir = out.resolve("pretrain-none").resolve("model");
        TransformerConfig c = TransformerConfig.of(cfg.model(), Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        TransformerModel m = TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, cfg.seed());
        if (!Files.exists(dir.resolve(HfCheckpoint.WEIGHTS))) {
            HfCheckpoint.save(m, dir);
        }
        return new Checkpoint(dir, new CheckpointInfo("none", cfg.name(), m.parameters().count(), 0, 0, 0, 0, Double.NaN));
    }

    private FineTuning.Result fineTuneOnce(Checkpoint ck, String task, long seed, Path dir) {
        Path ledger = dir.resolve("run-ledger.json");
        try {
            if (Files.exists(ledger)) {
                JsonNode n = JSON.readTree(ledger.toFile());
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.get("metrics").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    metrics.put(e.getKey(), e.getValue().asDouble());
                }
                return new FineTuning.Result(metrics, n.get("wall_s").asDouble());
            }
            FineTuning.Result r = fineTuning.run(ck.modelDir(), task, cfg, seed, dir, dataDir);
            ObjectNode n = JSON.createObjectNode();
            ObjectNode m = n.putObject("metrics");
            r.metrics().forEach(m::put);
            n.put("wall_s", r.wallSeconds());
            AtomicFiles.writeString(ledger, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            return r;
        } catch (IOException e) {
            throw UserException.in(ledger, "cannot read or write the run ledger: " + e.getMessage());
        }
    }

    private static double readDouble(Path json, String key) {
        try {
            return JSON.readTree(json.toFile()).get(key).asDouble();
        } catch (IOException | NullPointerException e) {
            return Double.NaN;
        }
    }
}
