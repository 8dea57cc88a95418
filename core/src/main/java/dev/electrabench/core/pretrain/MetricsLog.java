package dev.electrabench.core.pretrain;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code metrics.csv}: one row per logging step. Rewritten whole and atomically at every log, so a
 * killed run never leaves a half-written row; on resume, rows after the checkpoint's step are dropped.
 * Written and read with commons-csv (RFC 4180), like every CSV file of the project.
 */
final class MetricsLog {
    static final List<String> LEADING = List.of("step", "examples", "tokens", "train_flops", "loss");
    static final List<String> TRAILING = List.of("lr", "grad_norm", "tokens_per_s", "wall_s");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private final Path file;
    private final List<String> metrics;
    private final List<List<String>> rows = new ArrayList<>();

    MetricsLog(Path file, List<String> metrics) {
        this.file = file;
        this.metrics = metrics;
    }

    List<String> header() {
        List<String> cols = new ArrayList<>(LEADING);
        cols.addAll(metrics);
        cols.addAll(TRAILING);
        return cols;
    }

    /** Keeps existing rows with step ≤ {@code step} (resume). */
    void truncateAfter(long step) {
        rows.clear();
        if (step == 0 || !Files.exists(file)) {
            return;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord rec : csv) {
                String first = rec.get(0);
                try {
                    if (Long.parseLong(first) <= step) {
                        rows.add(rec.toList());
                    }
                } catch (NumberFormatException e) {
                    throw UserException.at(file, rec.getRecordNumber() + 1, "step '" + first + "' is not an integer");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw UserException.in(file, "cannot read metrics.csv to resume: " + e.getMessage());
        }
    }

    void add(long step, long examples, long tokens, double flops, double loss, Map<String, Double> values, double lr,
             double gradNorm, double tokensPerSecond, double wall) {
        List<String> row = new ArrayList<>();
        row.add(Long.toString(step));
        row.add(Long.toString(examples));
        row.add(Long.toString(tokens));
        row.add(String.format(Locale.ROOT, "%.6e", flops));
        row.add(num(loss));
        for (String m : metrics) {
            Double v = values.get(m);
            row.add(v == null ? "" : num(v));
        }
        row.add(String.format(Locale.ROOT, "%.6e", lr));
        row.add(num(gradNorm));
        row.add(String.format(Locale.ROOT, "%.1f", tokensPerSecond));
        row.add(String.format(Locale.ROOT, "%.3f", wall));
        rows.add(row);
    }

    void write() {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(w, FORMAT);
            csv.printRecord(header());
            for (List<String> r : rows) {
                csv.printRecord(r);
            }
            csv.flush();
        });
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
