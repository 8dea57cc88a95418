package dev.electrabench.harness.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --quiet}: no progress lines, for the long-running commands; results, warnings and errors still print. */
public final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr (results, warnings and errors still print).")
    boolean quiet;

    /** Where progress goes: stderr, or nowhere with --quiet. */
    public PrintStream progress() {
        return quiet ? null : System.err;
    }
}
