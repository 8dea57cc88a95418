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
import dev.electrabench.harness.compare.FineTuning;
import dev.electrabench.harness.compare.FineTuningGrid;
import dev.electrabench.harness.compare.SlurmGrid;
import dev.electrabench.harness.slurm.SlurmCli;
import dev.electrabench.harness.slurm.SlurmSettings;
import dev.electrabench.harness.slurm.SlurmSettings.JobKind;
import dev.electrabench.harness.compare.Provenance;
import dev.electrabench.harness.compare.TaskFineTuning;
import dev.electrabench.results.report.LeaderboardMarkdown;
import dev.electrabench.results.report.RunReport;
import dev.electrabench.results.summary.CheckpointInfo;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.RunInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @picocli.CommandLine.Mixin
    SlurmOptions slurm;

    @Spec
    CommandSpec spec;

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
        slurm.refuseOverrides(overrides, "evaluate", "a --config file");
        if (slurm.job() != null) {
            return runJob(hf, cfg, data);
        }
        SlurmGrid grid = null;
        if (slurm.submits()) {
            grid = new SlurmGrid(slurmWork(data), out, slurm.over(SlurmSettings.DEFAULTS), new SlurmCli(),
                    spec.root().userObject().getClass().getName());
            grid.checkCluster(); // before anything is written
        }
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
            if (grid != null) {
                SlurmGrid.Submitted s = grid.submit();
                PrintWriter stdout = spec.commandLine().getOut();
                s.submitted().forEach(line -> stdout.println("submitted " + line));
                stdout.println(out + ": " + s.submitted().size() + " job(s) submitted, " + s.kept() + " already queued or running, "
                        + s.done() + " unit(s) done; follow with: compare --status " + out);
                stdout.flush();
                return 0;
            }
            return evaluate(hf, cfg, data, fineTuning());
        }
    }

    private Path cellDir(String task, long seed) {
        return out.resolve(task).resolve("seed-" + seed);
    }

    /** The evaluation as Slurm work: one job per task and seed, then the report. */
    private SlurmGrid.Work slurmWork(Path data) {
        Path outDir = out.toAbsolutePath().normalize();
        return new SlurmGrid.Work() {
            @Override
            public List<SlurmGrid.Step> steps() {
                List<SlurmGrid.Step> steps = new ArrayList<>();
                List<String> cells = new ArrayList<>();
                for (String task : tasks) {
                    for (long seed : seeds) {
                        String name = "cell:" + task + ":" + seed;
                        cells.add(name);
                        steps.add(new SlurmGrid.Step(name, JobKind.FINETUNE, cellDir(task, seed).toAbsolutePath().normalize()
                                .resolve(FineTuningGrid.LEDGER), List.of()));
                    }
                }
                steps.add(new SlurmGrid.Step("report", JobKind.REPORT, SlurmGrid.reportMarker(outDir), cells));
                return steps;
            }

            @Override
            public boolean cellDone(SlurmGrid.Step cell, Map<Path, String> modelShas) {
                String[] f = cell.name().split(":");
                String sha = modelShas.computeIfAbsent(model, RunManifest::folderSha256);
                RunConfig cfg = config != null ? RunConfig.load(config) : RunConfig.defaults();
                return new FineTuningGrid(fineTuning(), cfg, data).done(sha, f[1], Long.parseLong(f[2]),
                        cellDir(f[1], Long.parseLong(f[2])));
            }

            @Override
            public List<String> jobArguments(String unit) {
                List<String> a = new ArrayList<>(List.of("evaluate", "--model", model.toAbsolutePath().normalize().toString(),
                        "--tasks", String.join(",", tasks), "--seeds", seeds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                        "--limit", Integer.toString(limit), "--out", outDir.toString(),
                        "--data-dir", data.toAbsolutePath().normalize().toString()));
                if (config != null) {
                    a.addAll(List.of("--config", config.toAbsolutePath().normalize().toString()));
                }
                a.addAll(List.of("--job", unit));
                return a;
            }
        };
    }

    /** One Slurm job's share: a cell (its folder locked by the fine-tuning), or the report (--out locked). */
    private int runJob(TransformerConfig hf, RunConfig cfg, Path data) {
        SlurmGrid.requireVisible(out);
        String job = slurm.job();
        String[] f = job.split(":");
        if (f.length == 3 && f[0].equals("cell") && tasks.contains(f[1]) && f[2].matches("\\d+")
                && seeds.contains(Long.parseLong(f[2]))) {
            long seed = Long.parseLong(f[2]);
            FineTuning.Result r = new FineTuningGrid(fineTuning(), cfg, data)
                    .runCell(new FineTuningGrid.Checkpoint(model, info(hf)), f[1], seed, cellDir(f[1], seed));
            System.out.println(job + ": " + r.metrics());
            return 0;
        }
        if (job.equals("report")) {
            try (RunLock lock = RunLock.acquire(out)) {
                evaluate(hf, cfg, data, FineTuningGrid.readOnly(fineTuning(), "compare --status " + out));
                SlurmGrid.markReportDone(out);
            }
            return 0;
        }
        throw new UserException("--job " + job + ": expected cell:TASK:SEED (a task of --tasks, a seed of --seeds " + seeds + ") or report");
    }

    /** Every cell's fine-tuning: predictions written, the first --limit dev examples scored. */
    private TaskFineTuning fineTuning() {
        return new TaskFineTuning(true, limit, quiet.progress());
    }

    /** The checkpoint's row facts: trained elsewhere, so its pre-training steps and FLOPs are unknown. */
    private CheckpointInfo info(TransformerConfig hf) {
        String name = model.toAbsolutePath().normalize().getFileName().toString();
        return new CheckpointInfo(name, hf.architecture() + " h" + hf.hiddenSize + " l" + hf.numHiddenLayers,
                HfCheckpoint.parameterCount(model), 0, Double.NaN, 1.0, Double.NaN, Double.NaN);
    }

    private int evaluate(TransformerConfig hf, RunConfig cfg, Path data, FineTuning fineTuning) {
        String sha = Provenance.sha256(hf.toJson() + "\n" + cfg.canonicalJson());
        RunInfo run = Provenance.run("evaluate-" + sha.substring(0, 12), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), sha);
        // trained elsewhere: its pre-training steps and FLOPs are unknown (empty cells, not drawn on the plot)
        CheckpointInfo info = info(hf);
        List<ResultRow> rows = new FineTuningGrid(fineTuning, cfg, data).run(run,
                List.of(new FineTuningGrid.Checkpoint(model, info)), tasks, seeds,
                (ck, task, seed) -> cellDir(task, seed), "evaluate: fine-tuning runs", quiet.progress());
        RunReport.Written w = RunReport.write(rows, out, true);
        System.out.print(LeaderboardMarkdown.render(w.leaderboard()));
        return 0;
    }
}
