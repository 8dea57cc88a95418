package dev.electrabench.results.paired;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.results.csv.CsvFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code comparisons.csv}: one line per {@link PairedDifference} (schema in results/README.md). The per-seed
 * differences are kept ({@code seed_differences}, "seed:A−B" pairs joined by ";") so that a reader can
 * recompute every statistic and {@code electra-bench check} can gate on them.
 */
public final class ComparisonsCsv {
    public static final String FILE_NAME = "comparisons.csv";
    public static final int SCHEMA_VERSION = 1;

    public static final List<String> COLUMNS = List.of(
            "schema_version", "model_a", "model_b", "checkpoint_fraction_a", "checkpoint_fraction_b",
            "pretrain_flops_a", "pretrain_flops_b", "task", "metric", "seeds", "mean_a", "mean_b",
            "mean_difference", "sd_difference", "ci95_low", "ci95_high", "interval", "verdict",
            "seed_differences", "run_ids", "git_commits");

    private ComparisonsCsv() {}

    public static void write(Path file, List<PairedDifference> differences) {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(writer, differences);
            writer.flush();
        });
    }

    public static void write(Writer writer, List<PairedDifference> differences) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, CsvFile.FORMAT);
        printer.printRecord(COLUMNS);
        for (PairedDifference d : differences) {
            List<String> seedDiffs = d.pairs().stream().map(p -> p.seed() + ":" + CsvFile.formatNumber(p.difference())).toList();
            printer.printRecord(Integer.toString(SCHEMA_VERSION), d.modelA(), d.modelB(),
                    CsvFile.formatNumber(d.fractionA()), CsvFile.formatNumber(d.fractionB()),
                    CsvFile.formatNumber(d.flopsA()), CsvFile.formatNumber(d.flopsB()), d.task(), d.metric(),
                    Integer.toString(d.seeds()), CsvFile.formatNumber(d.meanA()), CsvFile.formatNumber(d.meanB()),
                    CsvFile.formatNumber(d.meanDifference()), CsvFile.formatNumber(d.sdDifference()),
                    CsvFile.formatNumber(d.ciLow()), CsvFile.formatNumber(d.ciHigh()), interval(d.seeds()),
                    d.verdict().label(), String.join(";", seedDiffs), String.join(";", d.runIds()), String.join(";", d.gitCommits()));
        }
        printer.flush();
    }

    /** How the interval was computed, with its n: "t, n=3" (none below two seeds). */
    static String interval(int n) {
        return n < 2 ? "none, n=" + n : String.format(Locale.ROOT, "t, n=%d", n);
    }

    /** True when the header looks like a comparisons.csv (has a {@code mean_difference} column). */
    public static boolean looksLikeComparisons(CsvFile csv) {
        return csv.hasColumn("mean_difference");
    }

    /** One line read back: the key of the comparison and its per-seed differences A − B. */
    public record Line(String modelA, String modelB, double fractionA, double fractionB, String task, String metric,
                       double[] differences, PairVerdict verdict) {}

    public static List<Line> read(Path file) {
        return parse(CsvFile.read(file));
    }

    public static List<Line> parse(CsvFile csv) {
        if (!csv.hasColumn("schema_version")) {
            throw UserException.at(csv.file(), 1, "missing column 'schema_version': not a comparisons.csv of electra-bench");
        }
        for (CsvFile.Row row : csv.rows()) {
            String v = row.requiredText("schema_version");
            if (!v.equals(Integer.toString(SCHEMA_VERSION))) {
                throw row.error("schema_version", "schema_version is " + v + ", but this electra-bench reads comparisons schema_version " + SCHEMA_VERSION);
            }
        }
        csv.requireColumns(COLUMNS, "comparisons.csv of schema_version " + SCHEMA_VERSION);
        List<Line> lines = new ArrayList<>();
        for (CsvFile.Row row : csv.rows()) {
            String cell = row.requiredText("seed_differences");
            String[] parts = cell.split(";");
            double[] diffs = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                try {
                    if (colon < 0) {
                        throw new NumberFormatException();
                    }
                    Long.parseLong(parts[i].substring(0, colon).trim());
                    diffs[i] = Double.parseDouble(parts[i].substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw row.error("seed_differences", "'" + parts[i] + "' is not seed:difference");
                }
                if (!Double.isFinite(diffs[i])) {
                    throw row.error("seed_differences", "'" + parts[i] + "' is not a finite difference");
                }
            }
            long seeds = row.requiredInteger("seeds");
            if (seeds != diffs.length) {
                throw row.error("seeds", seeds + " seeds, but seed_differences holds " + diffs.length);
            }
            PairVerdict verdict;
            try {
                verdict = PairVerdict.fromLabel(row.requiredText("verdict"));
            } catch (IllegalArgumentException e) {
                throw row.error("verdict", e.getMessage());
            }
            lines.add(new Line(row.requiredText("model_a"), row.requiredText("model_b"), row.requiredNumber("checkpoint_fraction_a"),
                    row.requiredNumber("checkpoint_fraction_b"), row.requiredText("task"), row.requiredText("metric"),
                    Arrays.copyOf(diffs, diffs.length), verdict));
        }
        return lines;
    }
}
