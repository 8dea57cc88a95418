package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunManifest;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.Task;
import dev.electrabench.tasks.registry.TaskRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The fine-tuning half of {@code compare} and {@code evaluate}: every checkpoint × task × seed cell is
 * fine-tuned once and scored on dev. Each finished cell leaves {@code run-ledger.json} in its folder with the
 * cell's inputs (the model folder's hash, task, seed, fine-tuning settings, build), so a killed run continues
 * with the cells it had not finished, and a resumed run whose inputs changed redoes exactly the cells they
 * changed (a ledger is reused only when its inputs are the same).
 */
public final class FineTuningGrid {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A finished cell's record (its inputs, metrics and wall time), written last and atomically: the cell's done-marker. */
    public static final String LEDGER = "run-ledger.json";

    /** One checkpoint to fine-tune: its model folder and provenance. */
    public record Checkpoint(Path modelDir, CheckpointInfo info) {}

    /** Where a cell's outputs go. */
    @FunctionalInterface
    public interface CellFolders {
        Path of(Checkpoint checkpoint, String task, long seed);
    }

    private final FineTuning fineTuning;
    private final RunConfig cfg;
    private final Path dataDir;

    public FineTuningGrid(FineTuning fineTuning, RunConfig cfg, Path dataDir) {
        this.fineTuning = fineTuning;
        this.cfg = cfg;
        this.dataDir = dataDir;
    }

    /**
     * Checks, before anything expensive, that every task exists and its train and dev data read and are not
     * empty (a typo otherwise surfaces after pre-training).
     *
     * @param source what named the tasks, for the message (e.g. the config file or "--tasks")
     */
    public static void validateTasks(List<String> tasks, Path dataDir, String source) {
        Path data = DataDir.resolve(dataDir);
        for (String name : tasks) {
            Task<?, ?> task = TaskRegistry.find(name).orElseThrow(() -> new UserException(source + ": unknown task '" + name
                    + "'; known tasks: " + String.join(", ", TaskRegistry.names())));
            for (Split split : List.of(Split.TRAIN, Split.DEV)) {
                if (task.examples(data, split).isEmpty()) {
                    throw new UserException(source + ": task " + name + " has no " + split.name().toLowerCase(Locale.ROOT)
                            + " examples under " + data);
                }
            }
        }
    }

    /** Runs (or reads back) every cell; returns one dev row per metric per cell. */
    public List<ResultRow> run(RunInfo run, List<Checkpoint> checkpoints, List<String> tasks, List<Long> seeds,
                               CellFolders folders, String label, PrintStream progress) {
        return run(run, checkpoints, tasks, seeds, folders, label, progress, seconds -> { });
    }

    /** {@link #run} telling {@code afterCell} each cell's wall seconds as it finishes (or is read back). */
    public List<ResultRow> run(RunInfo run, List<Checkpoint> checkpoints, List<String> tasks, List<Long> seeds,
                               CellFolders folders, String label, PrintStream progress, DoubleConsumer afterCell) {
        List<ResultRow> rows = new ArrayList<>();
        long total = (long) checkpoints.size() * tasks.size() * seeds.size();
        try (Progress bar = Progress.builder(label, total).unit("run").out(progress).build()) {
            for (Checkpoint ck : checkpoints) {
                String modelSha = RunManifest.folderSha256(ck.modelDir()); // once per checkpoint, not per cell
                for (String task : tasks) {
                    for (long seed : seeds) {
                        FineTuning.Result r = cell(ck, task, seed, folders.of(ck, task, seed), inputs(modelSha, task, seed));
                        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                            rows.add(ResultRow.measured(run, ck.info(), task, "dev", seed, m.getKey(), m.getValue(),
                                    r.wallSeconds()));
                        }
                        bar.advance(1);
                        afterCell.accept(r.wallSeconds());
                    }
                }
            }
        }
        return rows;
    }

    /** Runs one cell, or reads it back when its ledger has the same inputs (a Slurm job's share of {@link #run}). */
    public FineTuning.Result runCell(Checkpoint ck, String task, long seed, Path dir) {
        return cell(ck, task, seed, dir, inputs(RunManifest.folderSha256(ck.modelDir()), task, seed));
    }

    /**
     * Whether the cell in {@code dir} has a result for these inputs (its ledger's; {@code modelSha} is
     * {@link RunManifest#folderSha256} of the checkpoint, computed once per checkpoint by the caller).
     */
    public boolean done(String modelSha, String task, long seed, Path dir) {
        JsonNode old = readLedger(dir.resolve(LEDGER));
        return old != null && old.hasNonNull("inputs") && RunManifest.differences(old.get("inputs"), inputs(modelSha, task, seed)).isEmpty();
    }

    /**
     * A fine-tuning that never fine-tunes: with it {@link #run} only reads back finished cells, and a cell without
     * its result for the current inputs is an error naming its folder (a Slurm run's report job).
     *
     * @param real  the fine-tuning the cells ran (its identity is part of their inputs)
     * @param where what to look at for the missing cell, e.g. "compare --status DIR"
     */
    public static FineTuning readOnly(FineTuning real, String where) {
        return new FineTuning() {
            @Override
            public Result run(Path modelDir, String task, RunConfig c, long seed, Path outDir, Path data) {
                throw UserException.in(outDir, "this cell has no result (no " + LEDGER + " for the current inputs): its job failed "
                        + "or has not run; see " + where);
            }

            @Override
            public JsonNode identity() {
                return real.identity();
            }
        };
    }

    /** Everything a cell's result depends on. */
    private ObjectNode inputs(String modelSha, String task, long seed) {
        ObjectNode n = RunManifest.facts("finetune-cell");
        n.put("model_sha256", modelSha);
        n.put("task", task);
        n.put("seed", seed);
        try {
            ObjectNode config = (ObjectNode) JSON.readTree(cfg.canonicalJson());
            n.set("finetune", config.get("finetune"));
            n.set("vocab", config.get("vocab"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back the canonical config", e);
        }
        n.set("fine_tuning", fineTuning.identity());
        return n;
    }

    /** The ledger, or null when there is none or it does not parse (then the cell is redone). */
    private static JsonNode readLedger(Path ledger) {
        try {
            return Files.exists(ledger) ? JSON.readTree(ledger.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private FineTuning.Result cell(Checkpoint ck, String task, long seed, Path dir, ObjectNode inputs) {
        Path ledger = dir.resolve(LEDGER);
        try {
            JsonNode old = readLedger(ledger);
            if (old != null && old.hasNonNull("inputs") && RunManifest.differences(old.get("inputs"), inputs).isEmpty()) {
                JsonNode n = old;
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.get("metrics").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    metrics.put(e.getKey(), e.getValue().asDouble());
                }
                return new FineTuning.Result(metrics, n.get("wall_s").asDouble());
            }
            // a killed cell or one whose inputs changed: start it over in an empty folder
            AtomicFiles.deleteRecursively(dir);
            FineTuning.Result r = fineTuning.run(ck.modelDir(), task, cfg, seed, dir, dataDir);
            ObjectNode n = JSON.createObjectNode();
            n.set("inputs", inputs);
            ObjectNode m = n.putObject("metrics");
            r.metrics().forEach(m::put);
            n.put("wall_s", r.wallSeconds());
            AtomicFiles.writeString(ledger, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            return r;
        } catch (IOException e) {
            throw UserException.in(ledger, "cannot read or write the run ledger: " + AtomicFiles.reason(e));
        }
    }
}
