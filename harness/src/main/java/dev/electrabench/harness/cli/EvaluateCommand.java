package dev.electrabench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.io.RunManifest;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.compare.FineTuningGrid;
import dev.electrabench.harness.compare.Provenance;
import dev.electrabench.harness.compare.TaskFineTuning;
import dev.electrabench.results.report.LeaderboardMarkdown;
import dev.electrabench.results.report.RunReport;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code electra-bench evaluate}: leaderboard-style evaluation of an existing HF checkpoint (ours, or a
 * published one): fine-tune on each task with N seeds, score on dev, and write the same summary /
 * leaderboard / plot files as {@code compare}, with the published ELECTRA-Small++ dev numbers beside it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Fine-tune and score an HF checkpoint on a task list with N seeds; writes summary.csv and a leaderboard "
                + "with published reference rows.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "HF folder: config.json + model.safetensors or pytorch_model.bin (either may be sharded with an index)")
    Path model;

    @Option(names = "--tasks", required = true, split = ",", description = "comma-separated task names, e.g. cola,sst2,mrpc")
    List<String> tasks;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", paramLabel = "S",
            description = "Fine-tuning seeds, comma-separated (as in compare configs).")
    List<Long> seeds;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Score on the first N dev examples of each task only, for quick checks (lm-evaluation-harness's --limit; 0 = all).")
    int limit;

    @Option(names = "--out", required = true, description = "Output directory (summary.csv, leaderboard, report.html).")
    Path out;

    @Option(names = "--config", description = "run config whose finetune: section to use (default: ELECTRA's fine-tuning defaults)")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default: env ELECTRA_BENCH_DATA or ../shared/data).")
    Path dataDir;

    @picocli.CommandLine.Mixin
    ConfigOverrideOption overrides;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        var hf = HfCheckpoint.readConfig(model); // fails early, one line, on a bad folder
        if (seeds.isEmpty() || seeds.size() != seeds.stream().distinct().count()) {
            throw new UserException("--seeds must list distinct seeds, got " + seeds);
        }
        if (limit < 0) {
            throw new UserException("--limit must be >= 0 (0 = every dev example), got " + limit);
        }
        RunConfig cfg = RunConfig.load(config, overrides.overrides());
        Path data = DataDir.resolve(dataDir);
        FineTuningGrid.validateTasks(tasks, data, "--tasks");
        try (RunLock lock = RunLock.acquire(out)) {
            // tasks and seeds may grow on a resume (more cells); the model and its settings may not change
            ObjectNode facts = RunManifest.facts("evaluate");
            facts.put("model_sha256", RunManifest.folderSha256(model));
            try {
                facts.set("finetune", new ObjectMapper().readTree(cfg.canonicalJson()).get("finetune"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            RunManifest.claim(out, facts, "use another --out");
            return evaluate(hf, cfg, data);
        }
    }

    private int evaluate(TransformerConfig hf, RunConfig cfg, Path data) {
        String sha = Provenance.sha256(hf.toJson() + "\n" + cfg.canonicalJson());
        RunInfo run = Provenance.run("evaluate-" + sha.substring(0, 12), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), sha);
        String name = model.toAbsolutePath().normalize().getFileName().toString();
        // trained elsewhere: its pre-training steps and FLOPs are unknown (empty cells, not drawn on the plot)
        CheckpointInfo info = new CheckpointInfo(name, hf.architecture() + " h" + hf.hiddenSize + " l" + hf.numHiddenLayers,
                HfCheckpoint.parameterCount(model), 0, Double.NaN, 1.0, Double.NaN, Double.NaN);
        List<ResultRow> rows = new FineTuningGrid(new TaskFineTuning(true, limit, quiet.progress()), cfg, data).run(run,
                List.of(new FineTuningGrid.Checkpoint(model, info)), tasks, seeds,
                (ck, task, seed) -> out.resolve(task).resolve("seed-" + seed), "evaluate: fine-tuning runs", quiet.progress());
        RunReport.Written w = RunReport.write(rows, out, true);
        System.out.print(LeaderboardMarkdown.render(w.leaderboard()));
        return 0;
    }
}
