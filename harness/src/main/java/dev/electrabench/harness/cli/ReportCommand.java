package dev.electrabench.harness.cli;

import dev.electrabench.core.UserException;
import dev.electrabench.results.leaderboard.Leaderboard;
import dev.electrabench.results.report.LeaderboardMarkdown;
import dev.electrabench.results.report.RunReport;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code electra-bench report}: rebuilds every report file from {@code summary.csv} files alone, so a
 * report can be regenerated (or several runs merged) without any model or data.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        header = "Rebuild every report file (leaderboard, comparisons, plots, report.html) from run folders' summary.csv.",
        description = {
            "Merge DIR/summary.csv of every DIR and write to --out: summary.csv, leaderboard.csv, leaderboard.md,",
            "comparisons.csv (paired differences with 95%% intervals and verdicts), results.json, efficiency plots",
            "(GLUE and per task, with seed ranges), pre-training curves of DIR/pretrain-*/metrics.csv, fine-tuning",
            "dev metric per epoch of DIR/finetune/**/metrics.csv, and report.html, one self-contained page with all of it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:internal error (a bug: please report the stack trace)",
            "2:bad input (missing or malformed summary.csv, unwritable --out): one line naming the file"})
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories, each holding a summary.csv.")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "Directory to write the report into (created if needed).")
    Path out;

    @Option(names = "--no-references",
            description = "Leave out the published ELECTRA-Small++ / Small-OWT dev numbers, which are otherwise added to the leaderboard and plots as references.")
    boolean noReferences;

    @Override
    public Integer call() {
        List<ResultRow> rows = new ArrayList<>();
        for (Path dir : dirs) {
            Path summary = dir.resolve(SummaryCsv.FILE_NAME);
            if (!Files.isRegularFile(summary)) {
                throw UserException.in(dir, "no " + SummaryCsv.FILE_NAME + " in this directory");
            }
            rows.addAll(SummaryCsv.read(summary));
        }
        RunReport.Written w = RunReport.write(rows, dirs, out, !noReferences);
        List<ResultRow> merged = w.rows();
        Leaderboard leaderboard = w.leaderboard();
        List<Path> written = w.files();

        PrintWriter pw = spec.commandLine().getOut();
        pw.print(LeaderboardMarkdown.render(leaderboard, w.comparisons()));
        pw.println();
        pw.println("merged " + merged.size() + " result rows from " + dirs.size() + " director" + (dirs.size() == 1 ? "y" : "ies") + "; wrote:");
        written.forEach(p -> pw.println("  " + p));
        pw.flush();
        return 0;
    }
}
