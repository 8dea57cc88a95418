package dev.electrabench.harness;

import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.Backend;
import dev.electrabench.core.runtime.Sgemm;
import dev.electrabench.harness.build.Version;
import dev.electrabench.harness.cli.BenchCommand;
import dev.electrabench.harness.cli.CheckCommand;
import dev.electrabench.harness.cli.CompareCommand;
import dev.electrabench.harness.cli.ConfigReferenceCommand;
import dev.electrabench.harness.cli.ConvertCommand;
import dev.electrabench.harness.cli.DataCommand;
import dev.electrabench.harness.cli.EvaluateCommand;
import dev.electrabench.harness.cli.FinetuneCommand;
import dev.electrabench.harness.cli.FlopsCommand;
import dev.electrabench.harness.cli.ForwardCommand;
import dev.electrabench.harness.cli.PretrainCommand;
import dev.electrabench.harness.cli.ReportCommand;
import dev.electrabench.harness.cli.ScoreCommand;
import dev.electrabench.harness.cli.TokenizeCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code electra-bench} command line: one Picocli class per subcommand in {@code harness.cli}. */
@Command(
        name = "electra-bench",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace); check: a metric regressed",
            "2:bad input or usage: one line naming the file (and line) and the problem"},
        footer = {"", "Bash/zsh completion: source <(electra-bench generate-completion)"},
        description = "Pre-train ELECTRA and a BERT baseline on Deeplearning4j, fine-tune on GLUE/SQuAD/CoNLL, compare at matched compute.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
            FlopsCommand.class,
            ScoreCommand.class,
            CheckCommand.class,
            ReportCommand.class,
            DataCommand.class,
            TokenizeCommand.class,
            PretrainCommand.class,
            BenchCommand.class,
            CompareCommand.class,
            ConfigReferenceCommand.class,
            EvaluateCommand.class,
            ForwardCommand.class,
            ConvertCommand.class,
            FinetuneCommand.class,
        })
public final class ElectraBench implements Runnable {
    /** Exit code for user mistakes (bad input, missing file, malformed config). */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a re-started JVM that stopped because its launcher was killed (128 + SIGKILL). */
    static final int EXIT_LAUNCHER_GONE = 137;

    /** Matrix size of the start-up sgemm timing (1024³: ~7 ms at 290 GFLOP/s, ~35 ms at 60). */
    static final int SGEMM_SIZE = 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // INHERIT: accepted before or after the subcommand name; picocli sets this field either way
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the ND4J backend, device, OPENBLAS_CORETYPE and measured sgemm GFLOP/s to stderr at start-up.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired with our error policy: user mistakes are one line and exit 2. */
    public static CommandLine commandLine() {
        ElectraBench app = new ElectraBench();
        CommandLine cl = new CommandLine(app);
        // Picocli hides its completion generator by default; list it with the other commands
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cl.setExecutionStrategy(parseResult -> {
            if (!helpOrVersionRequested(parseResult)) {
                try {
                    startUp(app.verbose, parseResult.commandSpec().commandLine().getErr());
                } catch (UserException e) {
                    throw new CommandLine.ExecutionException(cl, e.getMessage(), e); // -> one line, exit 2
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        // a usage mistake is one line too (picocli prints the whole usage, ~20 lines, after it)
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("electra-bench: error: " + String.valueOf(ex.getMessage()).replaceAll("\\s+", " ")
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            Throwable t = ex;
            while (!(t instanceof UserException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof UserException) {
                err.println("electra-bench: error: " + t.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            if (ex instanceof UncheckedIOException) {
                err.println("electra-bench: error: " + ex.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cl;
    }

    /**
     * Before any command: stop a CUDA build on a GPU without kernels (cheap no-op on CPU builds); with
     * {@code --verbose}, describe the backend and time one sgemm. Without it ND4J is not even loaded here.
     */
    static void startUp(boolean verbose, PrintWriter err) {
        Backend.requireSupportedGpu();
        if (!verbose) {
            return;
        }
        List<String> lines;
        try {
            lines = Backend.describe().lines();
        } catch (RuntimeException | LinkageError e) {
            // e.g. a CUDA build without a driver: report it, let the command decide whether it needs ND4J
            err.println("electra-bench: backend: ND4J could not start: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
            err.flush();
            return;
        }
        for (String line : lines) {
            err.println("electra-bench: " + line);
        }
        err.flush(); // the timing below takes a moment
        for (Sgemm.Route route : Sgemm.engineRoute() == Sgemm.Route.CBLAS ? Sgemm.Route.values()
                : new Sgemm.Route[] {Sgemm.Route.ND4J_MMUL}) {
            err.println("electra-bench: " + Sgemm.measure(SGEMM_SIZE, 1, 5, route) + " via " + route.name().toLowerCase(Locale.ROOT));
        }
        err.flush();
    }

    private static boolean helpOrVersionRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        BlasLauncher.dieWithLauncher();
        int code = BlasLauncher.relaunchIfNeeded(args);
        if (code >= 0) {
            System.exit(code);
        }
        System.exit(commandLine().execute(args));
    }
}
