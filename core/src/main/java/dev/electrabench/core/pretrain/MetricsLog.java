package dev.electrabench.core.pretrain;

import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code metrics.csv}: one row per logging step. Rewritten whole and atomically at every log, so a
 * killed run never leaves a half-written row; on resume, rows after the checkpoint's step are dropped.
 */
final class MetricsLog {
    static final List<String> LEADING = List.of("step", "examples", "tokens", "train_flops", "loss");
    static final List<String> TRAILING = List.of("lr", "grad_norm", "tokens_per_s", "wall_s");

    private final Path file;
    private final List<String> metrics;
    private final List<String> rows = new ArrayList<>();

    MetricsLog(Path file, List<String> metrics) {
        this.file = file;
        this.metrics = metrics;
    }

    String header() {
        List<String> cols = new ArrayList<>(LEADING);
        cols.addAll(metrics);
        cols.addAll(TRAILING);
        return String.join(",", cols);
    }

    /** Keeps existing rows with step ≤ {@code step} (resume). */
    void truncateAfter(long step) {
        rows.clear();
        if (step == 0 || !Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                int comma = line.indexOf(',');
                if (comma > 0 && Long.parseLong(line.substring(0, comma)) <= step) {
                    rows.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(long step, long examples, long tokens, double flops, double loss, Map<String, Double> values, double lr,
             double gradNorm, double tokensPerSecond, double wall) {
        StringBuilder sb = new StringBuilder();
        sb.append(step).append(',').append(examples).append(',').append(tokens).append(',')
                .append(String.format(Locale.ROOT, "%.6e", flops)).append(',').append(num(loss));
        for (String m : metrics) {
            Double v = values.get(m);
            sb.append(',').append(v == null ? "" : num(v));
        }
        sb.append(',').append(String.format(Locale.ROOT, "%.6e", lr)).append(',').append(num(gradNorm)).append(',')
                .append(String.format(Locale.ROOT, "%.1f", tokensPerSecond)).append(',')
                .append(String.format(Locale.ROOT, "%.3f", wall));
        rows.add(sb.toString());
    }

    void write() {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
