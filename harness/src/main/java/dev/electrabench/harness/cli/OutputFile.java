package dev.electrabench.harness.cli;

import dev.electrabench.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command writes its one output file: {@code --out FILE} atomically, or {@code --out -} to stdout (then
 * the command's own summary line goes to stderr, so stdout holds nothing but the file).
 */
final class OutputFile {
    private OutputFile() {}

    static boolean isStdout(Path out) {
        return out.toString().equals("-");
    }

    /** Writes {@code body} to {@code out}, or to the command's stdout for "-". */
    static void write(Path out, CommandSpec spec, AtomicFiles.Body body) {
        if (!isStdout(out)) {
            AtomicFiles.write(out, body);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            body.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(bytes.toString(StandardCharsets.UTF_8));
        w.flush();
    }

    /** Where the command's summary line goes: stdout, or stderr when stdout carries the file. */
    static PrintWriter summary(Path out, CommandSpec spec) {
        return isStdout(out) ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }
}
