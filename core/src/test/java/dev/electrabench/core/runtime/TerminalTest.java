package dev.electrabench.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress redraws with '\r' only when stderr itself is a terminal, whatever stdin and stdout are. */
class TerminalTest {
    @TempDir
    Path tmp;

    @Test
    void decidesFromTheDeviceBehindFd2OrTheLaunchersWord() throws Exception {
        Path pts = Files.createSymbolicLink(tmp.resolve("pts"), Path.of("/dev/pts/3"));
        Path file = Files.createSymbolicLink(tmp.resolve("file"), tmp.resolve("log.txt"));
        Path pipe = Files.createSymbolicLink(tmp.resolve("pipe"), Path.of("pipe:[12345]"));
        assertTrue(Terminal.stderrIsTerminal(Map.of(), pts));
        assertFalse(Terminal.stderrIsTerminal(Map.of(), file));
        assertFalse(Terminal.stderrIsTerminal(Map.of(), pipe));
        assertFalse(Terminal.stderrIsTerminal(Map.of(), tmp.resolve("absent")));
        assertFalse(Terminal.stderrIsTerminal(Map.of("TERM", "dumb"), pts));
        assertTrue(Terminal.stderrIsTerminal(Map.of(Terminal.STDERR_TTY_ENV, "1"), pipe), "the launcher's word wins");
        assertFalse(Terminal.stderrIsTerminal(Map.of(Terminal.STDERR_TTY_ENV, "0"), pts));
    }

    /** Runs {@link ProgressDemo} under a real pseudo-terminal (util-linux script) and returns what reached {@code log}. */
    private String underTerminal(String redirect) throws Exception {
        Path log = Files.createTempFile(tmp, "stderr", ".txt");
        Files.delete(log);
        Path typescript = Files.createTempFile(tmp, "typescript", ".txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + ProgressDemo.class.getName()
                + " " + redirect.replace("LOG", "'" + log + "'");
        Process p = new ProcessBuilder("script", "-qec", cmd, typescript.toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("script-out.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("script-out.txt")));
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : Files.readString(typescript, StandardCharsets.UTF_8);
    }

    @Test
    void noCarriageReturnsInRedirectedStderrEvenWithAConsole() throws Exception {
        // stdin and stdout on the terminal (System.console() is not null), stderr into a file
        String redirected = underTerminal("2> LOG");
        assertFalse(redirected.contains("\r"), redirected);
        assertTrue(redirected.contains("demo 5/5 100.0%"), redirected);
        assertEquals(List.of("console"), redirected.lines().filter(l -> l.equals("console")).toList(),
                "the child had a console: " + redirected);
        // control: stderr on the terminal too, and the line is redrawn in place
        String onTerminal = underTerminal("");
        assertTrue(onTerminal.contains("\rdemo 1/5"), onTerminal);
    }
}
