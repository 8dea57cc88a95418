package dev.electrabench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv is RFC 4180 (commons-csv reads it back), even in a folder whose name holds a comma; a resume keeps its rows. */
class MetricsLogTest {
    @TempDir
    Path tmp;

    private static List<CSVRecord> read(Path file) throws Exception {
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            return p.getRecords();
        }
    }

    @Test
    void roundTripsAndTruncatesOnResume() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("run, \"a\"")).resolve("metrics.csv");
        MetricsLog log = new MetricsLog(file, List.of("mlm_accuracy", "disc_auc"));
        for (long step = 1; step <= 4; step++) {
            log.add(step, step * 8, step * 512, step * 1e9, 10.0 / step, Map.of("mlm_accuracy", 0.1 * step), 1e-4, 1.5, 1000, step);
        }
        log.write();
        List<CSVRecord> rows = read(file);
        assertEquals(4, rows.size());
        assertEquals(List.of("step", "examples", "tokens", "train_flops", "loss", "mlm_accuracy", "disc_auc", "lr", "grad_norm",
                "tokens_per_s", "wall_s"), rows.get(0).getParser().getHeaderNames());
        assertEquals("3", rows.get(2).get("step"));
        assertEquals(0.3, Double.parseDouble(rows.get(2).get("mlm_accuracy")), 1e-9);
        assertEquals("", rows.get(2).get("disc_auc"), "a metric without a value is an empty cell");
        assertEquals(11, rows.get(3).size());

        MetricsLog resumed = new MetricsLog(file, List.of("mlm_accuracy", "disc_auc"));
        resumed.truncateAfter(2);
        resumed.add(3, 24, 1536, 3e9, 2.0, Map.of("disc_auc", 0.6), 1e-4, 1.0, 900, 9);
        resumed.write();
        rows = read(file);
        assertEquals(List.of("1", "2", "3"), rows.stream().map(r -> r.get("step")).toList());
        assertEquals("0.600000", rows.get(2).get("disc_auc"));
        assertTrue(Files.readString(file).endsWith("\n"));

        Files.writeString(file, "step,loss\nx,1\n");
        assertTrue(assertThrows(UserException.class, () -> new MetricsLog(file, List.of()).truncateAfter(2)).getMessage()
                .contains(":2: step 'x' is not an integer"));
    }
}
