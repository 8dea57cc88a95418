package dev.electrabench.harness.cli;

import dev.electrabench.harness.ElectraBench;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the electra-bench command line in-process and captures exit code, stdout and stderr. */
record Cli(int exit, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ElectraBench.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
