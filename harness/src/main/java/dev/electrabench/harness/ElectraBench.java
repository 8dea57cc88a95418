package dev.electrabench.harness;

import dev.electrabench.core.UserException;
import dev.electrabench.harness.cli.CheckCommand;
import dev.electrabench.harness.cli.DataCommand;
import dev.electrabench.harness.cli.FinetuneCommand;
import dev.electrabench.harness.cli.FlopsCommand;
import dev.electrabench.harness.cli.PretrainCommand;
import dev.electrabench.harness.cli.ReportCommand;
import dev.electrabench.harness.cli.ScoreCommand;
import dev.electrabench.harness.cli.TokenizeCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code electra-bench} command line: one Picocli class per subcommand in {@code harness.cli}. */
@Command(
        name = "electra-bench",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Pre-train ELECTRA and a BERT baseline on Deeplearning4j, fine-tune on GLUE/SQuAD/CoNLL, compare at matched compute.",
        subcommands = {
            CommandLine.HelpCommand.class,
            FlopsCommand.class,
            ScoreCommand.class,
            CheckCommand.class,
            ReportCommand.class,
            DataCommand.class,
            TokenizeCommand.class,
            PretrainCommand.class,
            FinetuneCommand.class,
        })
public final class ElectraBench implements Runnable {
    /** Exit code for user mistakes (bad input, missing file, malformed config). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired with our error policy: user mistakes are one line and exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ElectraBench());
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

    public static void main(String[] args) {
        int code = BlasLauncher.relaunchIfNeeded(args);
        if (code >= 0) {
            System.exit(code);
        }
        System.exit(commandLine().execute(args));
    }
}
