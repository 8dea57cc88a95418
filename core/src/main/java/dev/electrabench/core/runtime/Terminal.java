package dev.electrabench.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is a terminal, which decides whether progress redraws its line with {@code \r}.
 * {@link System#console()} answers for stdin and stdout only: with {@code 2> log} it still says "terminal" and
 * the log fills with carriage returns. Linux names the file behind fd 2 in {@code /proc/self/fd/2}; a terminal
 * is a {@code /dev/pts/N} or {@code /dev/ttyN}. The launcher's re-started JVM writes stderr into a pipe, so the
 * launcher tells it the answer for the real stderr in {@value #STDERR_TTY_ENV}.
 */
public final class Terminal {
    /** "1" or "0": the answer for the process whose stderr this one's is copied to. */
    public static final String STDERR_TTY_ENV = "ELECTRA_BENCH_STDERR_TTY";

    private Terminal() {}

    /** Whether this process's stderr is a terminal (or the launcher's was). */
    public static boolean stderrIsTerminal() {
        return stderrIsTerminal(System.getenv(), Path.of("/proc/self/fd/2"));
    }

    static boolean stderrIsTerminal(Map<String, String> env, Path fd2) {
        String told = env.get(STDERR_TTY_ENV);
        if (told != null && !told.isBlank()) {
            return told.strip().equals("1");
        }
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        return isTerminalDevice(fd2);
    }

    /** Whether {@code fd} (a /proc/self/fd entry) links to a terminal device; false where /proc is absent. */
    static boolean isTerminalDevice(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.matches("/dev/tty[0-9A-Za-z]*") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
