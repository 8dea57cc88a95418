package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.io.RunLock;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.compare.CompareConfig;
import dev.electrabench.harness.compare.EfficiencyComparison;
import dev.electrabench.harness.compare.TaskFineTuning;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.paired.PairedComparisons;
import dev.electrabench.results.reference.PublishedResults;
import dev.electrabench.results.report.LeaderboardMarkdown;
import dev.electrabench.results.report.RunFolder;
import dev.electrabench.results.summary.ResultRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code electra-bench compare}: ELECTRA vs BERT vs no pre-training at the same pre-training FLOP budget. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        header = "ELECTRA vs BERT vs no pre-training at the same pre-training FLOP budget, with paired comparisons and report.html.",
        description = {"Pre-train every model of the config to the same FLOP budget (paper convention), fine-tune the",
            "checkpoints at the budget fractions on every task and seed, and write to --out: summary.csv, leaderboard.csv/.md,",
            "comparisons.csv (paired differences, 95% intervals, verdicts), results.json, the plots and report.html.",
            "Interrupted runs continue with --resume."})
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "comparison YAML (e.g. configs/compare-tiny.yaml)")
    Path config;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--resume", description = "continue the comparison already in --out")
    boolean resume;

    @Option(names = "--data-dir", description = "data directory (default: env ELECTRA_BENCH_DATA or ../shared/data)")
    Path dataDir;

    @picocli.CommandLine.Mixin
    ConfigOverrideOption overrides;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        CompareConfig cc = CompareConfig.load(config, overrides.overrides());
        if (Files.exists(out.resolve("run.json")) && !resume) {
            throw UserException.in(out, "already holds a comparison: pass --resume to continue it, or choose another --out");
        }
        Path data = DataDir.resolve(dataDir != null ? dataDir : cc.dataDir() == null ? null : Path.of(cc.dataDir()));
        EfficiencyComparison comparison = new EfficiencyComparison(cc, config, out, data,
                new TaskFineTuning(false, cc.maxEvalExamples(), quiet.progress()), quiet.progress());
        List<ResultRow> rows;
        try (RunLock lock = RunLock.acquire(out)) {
            comparison.check(); // one writer, tasks, budget, a resume's settings: before anything is written
            copyConfig();
            rows = comparison.run();
        }
        List<ResultRow> ranked = new ArrayList<>(rows);
        ranked.addAll(PublishedResults.all());
        System.out.print(LeaderboardMarkdown.render(Leaderboard.of(ranked), PairedComparisons.of(rows)));
        System.out.println("\nwrote " + out.resolve("report.html") + " (summary.csv, leaderboard.csv/.md, comparisons.csv, results.json and the plots beside it)");
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
