package dev.electrabench.results.summary;

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
import java.util.OptionalLong;
import org.apache.commons.csv.CSVPrinter;

/**
 * Reads and writes {@code summary.csv}: one {@link ResultRow} per line, every line carrying the
 * {@link #SCHEMA_VERSION}. Any change to the columns or their meaning bumps the version (README).
 */
public final class SummaryCsv {
    public static final String FILE_NAME = "summary.csv";
    public static final int SCHEMA_VERSION = 2;

    /** The columns of schema version 1, in file order. */
    public static final List<String> COLUMNS = List.of(
            "schema_version", "run_id", "created_utc", "git_commit", "config_sha256", "model", "model_config",
            "params", "pretrain_steps", "pretrain_flops", "checkpoint_fraction", "task", "split", "seed",
            "metric", "value", "finetune_wall_s", "pretrain_wall_s", "tokens_per_s", "backend", "device",
            "electra_bench_version");

    private SummaryCsv() {}

    /** Writes {@code rows} to {@code file} atomically (temp file + rename). */
    public static void write(Path file, List<ResultRow> rows) {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(writer, rows);
            writer.flush();
        });
    }

    /** Writes header and rows as CSV text. */
    public static void write(Writer writer, List<ResultRow> rows) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, CsvFile.FORMAT);
        printer.printRecord(COLUMNS);
        for (ResultRow row : rows) {
            printer.printRecord(cells(row));
        }
        printer.flush();
    }

    private static List<String> cells(ResultRow r) {
        RunInfo run = r.run();
        CheckpointInfo c = r.checkpoint();
        return List.of(
                Integer.toString(SCHEMA_VERSION), run.runId(), run.createdUtc(), run.gitCommit(), run.configSha256(),
                c.model(), c.modelConfig(), Long.toString(c.params()), Long.toString(c.pretrainSteps()),
                CsvFile.formatNumber(c.pretrainFlops()), CsvFile.formatNumber(c.checkpointFraction()),
                r.task(), r.split(), r.seed().isPresent() ? Long.toString(r.seed().getAsLong()) : "",
                r.metric(), CsvFile.formatNumber(r.value()), CsvFile.formatNumber(r.finetuneWallS()),
                CsvFile.formatNumber(c.pretrainWallS()), CsvFile.formatNumber(c.tokensPerS()),
                run.backend(), run.device(), run.electraBenchVersion());
    }

    /** Reads {@code file}; a missing file, a missing column or another schema version is a {@link UserException}. */
    public static List<ResultRow> read(Path file) {
        return parse(CsvFile.read(file));
    }

    /** True when the header looks like a summary.csv of any schema version (has a {@code value} column). */
    public static boolean looksLikeSummary(CsvFile csv) {
        return csv.hasColumn("value");
    }

    /** Converts parsed CSV to rows, checking the schema version of the header and of every line. */
    public static List<ResultRow> parse(CsvFile csv) {
        if (!csv.hasColumn("schema_version")) {
            throw UserException.at(csv.file(), 1, "missing column 'schema_version': not a summary.csv of electra-bench (schema_version " + SCHEMA_VERSION + ")");
        }
        for (CsvFile.Row row : csv.rows()) {
            checkVersion(row); // before column checks: another version explains missing columns
        }
        csv.requireColumns(COLUMNS, "summary.csv of schema_version " + SCHEMA_VERSION);
        List<ResultRow> rows = new ArrayList<>(csv.rows().size());
        for (CsvFile.Row row : csv.rows()) {
            rows.add(toRow(row));
        }
        return rows;
    }

    private static void checkVersion(CsvFile.Row row) {
        String v = row.requiredText("schema_version");
        if (!v.equals(Integer.toString(SCHEMA_VERSION))) {
            throw row.error("schema_version", "schema_version is " + v + ", but this electra-bench reads schema_version " + SCHEMA_VERSION);
        }
    }

    private static ResultRow toRow(CsvFile.Row row) {
        try {
            RunInfo run = new RunInfo(
                    row.requiredText("run_id"), row.text("created_utc"), row.text("git_commit"), row.text("config_sha256"),
                    row.text("backend"), row.text("device"), row.text("electra_bench_version"));
            CheckpointInfo checkpoint = new CheckpointInfo(
                    row.requiredText("model"), row.text("model_config"), row.requiredInteger("params"),
                    row.requiredInteger("pretrain_steps"), row.number("pretrain_flops"),
                    row.requiredNumber("checkpoint_fraction"), row.number("pretrain_wall_s"), row.number("tokens_per_s"));
            OptionalLong seed = row.integer("seed");
            return new ResultRow(run, checkpoint, row.requiredText("task"), row.requiredText("split"), seed,
                    row.requiredText("metric"), row.requiredNumber("value"), row.number("finetune_wall_s"));
        } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
        }
    }}
