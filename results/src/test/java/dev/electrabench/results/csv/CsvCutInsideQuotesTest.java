package dev.electrabench.results.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.electrabench.core.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, finding 5: a CSV cut inside quotes showed "org.apache.commons.csv.CSVException" and no line. */
class CsvCutInsideQuotesTest {
    @Test
    void cutInsideQuotesIsOneLineWithTheLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("summary.csv");
        Files.writeString(f, "a,b\n1,2\n3,\"unterminated\n");
        UserException e = assertThrows(UserException.class, () -> CsvFile.read(f));
        assertEquals(f + ":3: malformed CSV: EOF reached before quoted field finished (a quote is not closed)", e.getMessage());
    }
}
