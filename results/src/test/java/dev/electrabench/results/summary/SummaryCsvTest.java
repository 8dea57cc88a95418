package dev.electrabench.results.summary;

import static dev.electrabench.results.support.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.results.reference.PublishedResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCsvTest {
    @TempDir
    Path dir;

    @Test
    void headerIsTheDocumentedSchemaInOrder() throws IOException {
        Path file = dir.resolve("summary.csv");
        SummaryCsv.write(file, List.of(row("ELECTRA-Tiny", 1.0, 1.294e12, "cola", "mcc", 7, 12.5)));
        String header = Files.readAllLines(file).get(0);
        // the column list of the results brief / README, typed out independently of SummaryCsv.COLUMNS
        assertEquals("schema_version,run_id,created_utc,git_commit,config_sha256,model,model_config,params,"
                + "pretrain_steps,pretrain_flops,checkpoint_fraction,task,split,seed,metric,value,finetune_wall_s,"
                + "pretrain_wall_s,tokens_per_s,backend,device,electra_bench_version", header);
        assertTrue(Files.readAllLines(file).get(1).startsWith(SummaryCsv.SCHEMA_VERSION + ",run-1,2025-01-31T12:00:00Z,abc123,"));
    }

    @Test
    void roundTripKeepsEveryFieldIncludingUnknownsAndReferences() {
        List<ResultRow> rows = new ArrayList<>();
        rows.add(row("ELECTRA-Tiny", 0.25, 3.235e11, "cola", "mcc", 1, 12.345678901234567));
        rows.add(row("BERT \"quoted\", with comma", 0.0, 0.0, "squad1.1", "exact_match", -3, 0.0));
        RunInfo sparseRun = new RunInfo("r2", "", "", "", "", "", "");
        CheckpointInfo unknownWallClock = new CheckpointInfo("M", "", 1, 2, 3e9, 0.5, Double.NaN, Double.NaN);
        rows.add(new ResultRow(sparseRun, unknownWallClock, "mnli-m", "dev", OptionalLong.of(42), "accuracy", 33.3, Double.NaN));
        rows.addAll(PublishedResults.electraSmallPlusPlus());
        Path file = dir.resolve("summary.csv");
        SummaryCsv.write(file, rows);
        assertEquals(rows, SummaryCsv.read(file));
        assertTrue(SummaryCsv.read(file).get(3).isReference());
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out/summary.csv");
        SummaryCsv.write(file, List.of(row("M", 1.0, 1e12, "rte", "accuracy", 1, 55)));
        SummaryCsv.write(file, List.of(row("M", 1.0, 1e12, "rte", "accuracy", 2, 56)));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(56, SummaryCsv.read(file).get(0).value());
    }

    @Test
    void otherSchemaVersionIsRejectedNamingFileAndLine() throws IOException {
        int v = SummaryCsv.SCHEMA_VERSION;
        Path file = write(String.join(",", SummaryCsv.COLUMNS) + "\n"
                + v + ",r,,,,M,,1,1,1e12,1.0,cola,dev,1,mcc,50,,,,,,\n"
                + (v - 1) + ",r,,,,M,,1,1,1e12,1.0,cola,dev,2,mcc,50,,,,,,\n");
        UserException e = assertThrows(UserException.class, () -> SummaryCsv.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("schema_version is " + (v - 1)), e.getMessage());
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        List<String> columns = new ArrayList<>(SummaryCsv.COLUMNS);
        columns.remove("pretrain_flops");
        Path file = write(String.join(",", columns) + "\n");
        UserException e = assertThrows(UserException.class, () -> SummaryCsv.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1:"), e.getMessage());
        assertTrue(e.getMessage().contains("missing column 'pretrain_flops'"), e.getMessage());
    }

    @Test
    void badCellsNameLineAndColumn() throws IOException {
        String header = String.join(",", SummaryCsv.COLUMNS) + "\n" + SummaryCsv.SCHEMA_VERSION;
        Path notNumber = write(header + ",r,,,,M,,1,1,1e12,1.0,cola,dev,1,mcc,fifty,,,,,,\n");
        UserException e = assertThrows(UserException.class, () -> SummaryCsv.read(notNumber));
        assertEquals(notNumber + ":2: column 'value': 'fifty' is not a number", e.getMessage());

        Path shortRow = write(header + ",r,,,,M\n");
        e = assertThrows(UserException.class, () -> SummaryCsv.read(shortRow));
        assertTrue(e.getMessage().startsWith(shortRow + ":2: 6 cells, but the header has 22 columns"), e.getMessage());

        Path negativeFlops = write(header + ",r,,,,M,,1,1,-5,1.0,cola,dev,1,mcc,50,,,,,,\n");
        e = assertThrows(UserException.class, () -> SummaryCsv.read(negativeFlops));
        assertTrue(e.getMessage().startsWith(negativeFlops + ":2: pretrainFlops"), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreUserErrors() throws IOException {
        Path empty = write("");
        assertTrue(assertThrows(UserException.class, () -> SummaryCsv.read(empty)).getMessage().contains("empty file"));
        Path missing = dir.resolve("nope.csv");
        assertEquals(missing + ": no such file", assertThrows(UserException.class, () -> SummaryCsv.read(missing)).getMessage());
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "summary", ".csv");
        Files.writeString(file, text);
        return file;
    }
}
