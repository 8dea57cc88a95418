package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.runtime.Progress;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fine-tuning half of {@code compare} and {@code evaluate}: every checkpoint × task × seed cell is
 * fine-tuned once and scored on dev. Each finished cell leaves {@code run-ledger.json} in its folder, so a
 * killed run continues with the cells it had not finished.
 */
public final class FineTuningGrid {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Runs (or reads back) every cell; returns one dev row per metric per cell. */
    public List<ResultRow> run(RunInfo run, List<Checkpoint> checkpoints, List<String> tasks, List<Long> seeds,
                               CellFolders folders, String label, PrintStream progress) {
        List<ResultRow> rows = new ArrayList<>();
        long total = (long) checkpoints.size() * tasks.size() * seeds.size();
        try (Progress bar = Progress.builder(label, total).unit("run").out(progress).build()) {
            for (Checkpoint ck : checkpoints) {
                for (String task : tasks) {
                    for (long seed : seeds) {
                        FineTuning.Result r = cell(ck, task, seed, folders.of(ck, task, seed));
                        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                            rows.add(ResultRow.measured(run, ck.info(), task, "dev", seed, m.getKey(), m.getValue(),
                                    r.wallSeconds()));
                        }
                        bar.advance(1);
                    }
                }
            }
        }
        return rows;
    }

    private FineTuning.Result cell(Checkpoint ck, String task, long seed, Path dir) {
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
}
