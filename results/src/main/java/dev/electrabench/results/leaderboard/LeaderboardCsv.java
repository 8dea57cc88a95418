package dev.electrabench.results.leaderboard;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.results.csv.CsvFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code leaderboard.csv}: one line per (model, checkpoint fraction, task, metric) with the median and
 * spread over seeds, in leaderboard order. Long format so that tools (and {@code electra-bench check})
 * can read it without knowing which tasks were run; {@code leaderboard.md} is the wide, human table.
 */
public final class LeaderboardCsv {
    public static final String FILE_NAME = "leaderboard.csv";
    public static final int SCHEMA_VERSION = 2;

    public static final List<String> COLUMNS = List.of(
            "schema_version", "model", "reference", "checkpoint_fraction", "pretrain_flops", "params",
            "task", "metric", "convention", "median", "sd", "min", "max", "seeds");

    private LeaderboardCsv() {}

    public static void write(Path file, Leaderboard leaderboard) {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(writer, leaderboard.lines());
            writer.flush();
        });
    }

    public static void write(Writer writer, List<MetricLine> lines) throws IOException {
        var printer = new org.apache.commons.csv.CSVPrinter(writer, CsvFile.FORMAT);
        printer.printRecord(COLUMNS);
        for (MetricLine l : lines) {
            SeedStats s = l.stats();
            String convention = l.isGlueScore() ? MetricConventions.Convention.PAPER.label() : l.taskMetric().convention().label();
            printer.printRecord(Integer.toString(SCHEMA_VERSION), l.model(), Boolean.toString(l.reference()),
                    CsvFile.formatNumber(l.checkpointFraction()), CsvFile.formatNumber(l.pretrainFlops()),
                    Long.toString(l.params()), l.task(), l.metric(), convention, CsvFile.formatNumber(s.median()),
                    CsvFile.formatNumber(s.sd()), CsvFile.formatNumber(s.min()), CsvFile.formatNumber(s.max()),
                    Integer.toString(s.seeds()));
        }
        printer.flush();
    }

    /** True when the header looks like a leaderboard.csv of any schema version (has a {@code median} column). */
    public static boolean looksLikeLeaderboard(CsvFile csv) {
        return csv.hasColumn("median");
    }

    public static List<MetricLine> read(Path file) {
        return parse(CsvFile.read(file));
    }

    public static List<MetricLine> parse(CsvFile csv) {
        if (!csv.hasColumn("schema_version")) {
            throw UserException.at(csv.file(), 1, "missing column 'schema_version': not a leaderboard.csv of electra-bench (schema_version " + SCHEMA_VERSION + ")");
        }
        for (CsvFile.Row row : csv.rows()) {
            String v = row.requiredText("schema_version");
            if (!v.equals(Integer.toString(SCHEMA_VERSION))) {
                throw row.error("schema_version", "schema_version is " + v + ", but this electra-bench reads leaderboard schema_version " + SCHEMA_VERSION);
            }
        }
        csv.requireColumns(COLUMNS, "leaderboard.csv of schema_version " + SCHEMA_VERSION);
        List<MetricLine> lines = new ArrayList<>();
        for (CsvFile.Row row : csv.rows()) {
            String reference = row.requiredText("reference");
            if (!reference.equals("true") && !reference.equals("false")) {
                throw row.error("reference", "'" + reference + "' is not true or false");
            }
            long seeds = row.requiredInteger("seeds");
            if (seeds < 0 || seeds > Integer.MAX_VALUE) {
                throw row.error("seeds", "'" + seeds + "' is not a seed count");
            }
            SeedStats stats = new SeedStats((int) seeds, row.requiredNumber("median"), row.number("sd"), row.number("min"), row.number("max"));
            lines.add(new MetricLine(row.requiredText("model"), Boolean.parseBoolean(reference),
                    row.requiredNumber("checkpoint_fraction"), row.number("pretrain_flops"), row.requiredInteger("params"),
                    new TaskMetric(row.requiredText("task"), row.requiredText("metric")), stats));
        }
        return lines;
    }
}
