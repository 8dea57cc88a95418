package dev.electrabench.core.runtime;

/** A child process for {@link TerminalTest}: says whether it has a console, then runs a 5-step bar on stderr. */
final class ProgressDemo {
    private ProgressDemo() {}

    public static void main(String[] args) {
        System.err.println(System.console() != null ? "console" : "no console");
        try (Progress bar = Progress.builder("demo", 5).redrawMillis(0).build()) {
            for (int i = 0; i < 5; i++) {
                bar.advance(1);
            }
        }
    }
}
