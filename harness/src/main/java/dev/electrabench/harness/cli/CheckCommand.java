package dev.electrabench.harness.cli;

import dev.electrabench.results.gate.GateReport;
import dev.electrabench.results.gate.RegressionGate;
import dev.electrabench.results.gate.Tolerance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code electra-bench check}: the regression gate. Exit 0 = no regression, 1 = a metric regressed or
 * went missing, 2 = bad input (the one-line error comes from the UserException policy of ElectraBench).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:no metric or paired difference regressed", "1:a metric or difference REGRESSED, or is missing in current", "2:bad input (unreadable file, another schema version, missing columns, nothing in common): one line"},
        header = "Regression gate: current results against a baseline, per metric and per paired difference.",
        description = {
            "Compare current results with a baseline, metric by metric (summary.csv, leaderboard.csv or comparisons.csv;",
            "medians over seeds), and the paired differences between models (model \"A vs B\", median of the per-seed A - B)",
            "when both files have them."})
public final class CheckCommand implements Callable<Integer> {
    /** Exit code when a metric regressed or disappeared. */
    public static final int EXIT_REGRESSED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "Baseline summary.csv or leaderboard.csv.")
    Path baseline;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "Current summary.csv or leaderboard.csv.")
    Path current;

    @Option(names = "--tolerance-abs", paramLabel = "X", defaultValue = "0",
            description = "Allowed drop in metric points (values x 100); with --tolerance-sd, the floor and the fallback for one-seed baselines. Default: ${DEFAULT-VALUE}.")
    double toleranceAbs;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME",
            description = "Gate only these metrics (e.g. f1,accuracy,score; score = the GLUE score); default: all.")
    List<String> metrics = List.of();

    @Option(names = "--tolerance-sd", paramLabel = "K",
            description = "Allowed drop = K x the baseline's sample SD over seeds.")
    Double toleranceSd;

    @Override
    public Integer call() {
        if (toleranceAbs < 0 || !Double.isFinite(toleranceAbs) || (toleranceSd != null && (toleranceSd < 0 || !Double.isFinite(toleranceSd)))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "tolerances must be finite numbers >= 0");
        }
        Tolerance tolerance = new Tolerance(toleranceAbs, toleranceSd == null ? Double.NaN : toleranceSd);
        GateReport report = new RegressionGate(tolerance, Set.copyOf(metrics)).compare(baseline, current);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.table());
        out.flush();
        return report.passed() ? 0 : EXIT_REGRESSED;
    }
}
