package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.compare.CompareConfig;
import dev.electrabench.harness.compare.EfficiencyComparison;
import dev.electrabench.harness.compare.FineTuning;
import dev.electrabench.harness.compare.SlurmGrid;
import dev.electrabench.harness.slurm.SlurmCli;
import dev.electrabench.harness.compare.TaskFineTuning;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.paired.PairedComparisons;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.report.LeaderboardMarkdown;
import dev.electrabench.results.report.RunFolder;
import dev.electrabench.results.summary.ResultRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code electra-bench compare}: ELECTRA vs BERT vs no pre-training at the same pre-training FLOP budget. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        header = "ELECTRA vs BERT vs no pre-training at the same pre-training FLOP budget, with paired comparisons and report.html.",
        description = {"Pre-train every model of the config to the same FLOP budget (paper convention), fine-tune the",
            "checkpoints at the budget fractions on every task and seed, and write to --out: summary.csv, leaderboard.csv/.md,",
            "comparisons.csv (paired differences, 95%% intervals, verdicts), results.json, the plots and report.html.",
            "Interrupted runs continue with --resume.",
            "With --executor slurm the run becomes Slurm jobs (one per pre-training and fine-tuning cell, one report) on",
            "--out, which every node must see; --status DIR and --cancel DIR follow and stop them, --resume resubmits what",
            "is missing or failed. The config's slurm: section (or --partition/--account/--qos) says where they run."})
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--config", description = "comparison YAML (e.g. configs/compare-tiny.yaml)")
    Path config;

    @Option(names = "--out", description = "output directory")
    Path out;

    @Option(names = "--resume", description = "continue the comparison already in --out (Slurm: submit only what is missing or failed)")
    boolean resume;

    @Option(names = "--data-dir", description = "data directory (default: env ELECTRA_BENCH_DATA or ../shared/data)")
    Path dataDir;

    @picocli.CommandLine.Mixin
    ConfigOverrideOption overrides;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @picocli.CommandLine.Mixin
    SlurmOptions slurm;

    @Option(names = "--status", paramLabel = "DIR", description = "where the Slurm run in DIR stands: done, running, queued, failed cells (with logs)")
    Path status;

    @Option(names = "--cancel", paramLabel = "DIR", description = "scancel the queued and running jobs of the Slurm run in DIR")
    Path cancel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            return call(stdout);
        } finally {
            stdout.flush();
        }
    }

    private Integer call(PrintWriter stdout) {
        if (status != null) {
            stdout.print(SlurmGrid.render(status, SlurmGrid.status(status, new SlurmCli())));
            return 0;
        }
        if (cancel != null) {
            List<String> jobs = SlurmGrid.cancel(cancel, new SlurmCli());
            stdout.println(cancel + ": cancelled " + jobs.size() + " queued or running job(s)" + (jobs.isEmpty() ? "" : ": " + String.join(" ", jobs)));
            return 0;
        }
        if (config == null || out == null) {
            throw new UserException("compare: --config and --out are required (or --status DIR / --cancel DIR)");
        }
        slurm.refuseOverrides(overrides, "compare", config.toString());
        CompareConfig cc = CompareConfig.load(config, overrides.overrides());
        Path data = DataDir.resolve(dataDir != null ? dataDir : cc.dataDir() == null ? null : Path.of(cc.dataDir()));
        EfficiencyComparison comparison = new EfficiencyComparison(cc, config, out, data,
                new TaskFineTuning(false, cc.maxEvalExamples(), quiet.progress()), quiet.progress());
        if (slurm.job() != null) {
            return runJob(comparison);
        }
        if (Files.exists(out.resolve("run.json")) && !resume) {
            throw UserException.in(out, "already holds a comparison: pass --resume to continue it, or choose another --out");
        }
        if (slurm.submits()) {
            return submit(cc, comparison, data, stdout);
        }
        List<ResultRow> rows;
        try (RunLock lock = RunLock.acquire(out)) {
            comparison.check(); // one writer, tasks, budget, a resume's settings: before anything is written
            copyConfig();
            rows = comparison.run();
        }
        printLeaderboard(rows);
        System.out.println("\nwrote " + out.resolve("report.html") + " (summary.csv, leaderboard.csv/.md, comparisons.csv, results.json and the plots beside it)");
        return 0;
    }

    private static void printLeaderboard(List<ResultRow> rows) {
        List<ResultRow> ranked = new ArrayList<>(rows);
        ranked.addAll(PublishedResults.all());
        System.out.print(LeaderboardMarkdown.render(Leaderboard.of(ranked), PairedComparisons.of(rows)));
    }

    /** --executor slurm: checks (the cluster first: nothing is written for a bad setting), then the jobs. */
    private int submit(CompareConfig cc, EfficiencyComparison comparison, Path data, PrintWriter stdout) {
        SlurmGrid grid = new SlurmGrid(SlurmGrid.comparison(comparison.asJobs(), config, out, data), out,
                slurm.over(cc.slurmSettings()), new SlurmCli(), spec.root().userObject().getClass().getName());
        grid.checkCluster();
        SlurmGrid.Submitted s;
        try (RunLock lock = RunLock.acquire(out)) {
            comparison.check();
            copyConfig();
            comparison.prepareJobs();
            s = grid.submit();
        }
        for (String line : s.submitted()) {
            stdout.println("submitted " + line);
        }
        stdout.println(out + ": " + s.submitted().size() + " job(s) submitted, " + s.kept() + " already queued or running, "
                + s.done() + " unit(s) done; follow with: compare --status " + out);
        return 0;
    }

    /** One Slurm job's share of the run, in the folder the submitter prepared. */
    private int runJob(EfficiencyComparison comparison) {
        SlurmGrid.requireVisible(out);
        String job = slurm.job();
        if (job.startsWith("pretrain:")) {
            comparison.runPretrainJob(job.substring("pretrain:".length()));
        } else if (job.startsWith("cell:")) {
            FineTuning.Result r = comparison.runCellJob(EfficiencyComparison.Cell.parse(job.substring("cell:".length())));
            System.out.println(job + ": " + r.metrics());
        } else if (job.equals("report")) {
            List<ResultRow> rows = comparison.runReportJob();
            SlurmGrid.markReportDone(out);
            printLeaderboard(rows);
        } else {
            throw new UserException("--job " + job + ": expected pretrain:MODEL, cell:MODEL:FRACTION:TASK:SEED or report");
        }
        return 0;
    }

    /** The comparison config as given, into the run folder, so that report.html and results.json can show it. */
    private void copyConfig() {
        try {
            AtomicFiles.writeString(out.resolve(RunFolder.COMPARE_CONFIG), Files.readString(config));
        } catch (IOException e) {
            throw UserException.in(config, "cannot read: " + e.getMessage());
        }
    }
}
