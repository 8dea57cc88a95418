package dev.electrabench.harness.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.tasks.Split;
import dev.electrabench.tasks.classification.GlueTask;
import dev.electrabench.tasks.classification.GlueTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every GLUE file the catalog fetches or verifies is where its task reads it: a file put at the catalog's
 * path is the one the task locates (the AX download, {@code glue/AX/AX.tsv}, once was not).
 */
class DatasetCatalogTest {
    @TempDir
    Path dataDir;

    @Test
    void everyGlueFileOfTheCatalogIsTheFileItsTaskReads() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Dataset d : DatasetCatalog.all()) {
            for (DataFile f : d.files()) {
                if (!f.path().startsWith("glue/") || f.path().endsWith("LICENSE.txt")) {
                    continue;
                }
                Path file = dataDir.resolve(f.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, "");
                GlueTask task = taskOf(d.name(), f.path());
                Split split = f.path().contains("/train") ? Split.TRAIN : f.path().contains("/dev") ? Split.DEV : Split.TEST;
                assertEquals(file, task.locate(dataDir, split), f.path());
                Files.delete(file); // the next file of the same split must be found on its own
                checked.add(f.path());
            }
        }
        assertTrue(checked.contains("glue/AX/AX.tsv") && checked.contains("glue/MNLI/dev_mismatched.tsv")
                && checked.size() >= 30, checked.toString());
    }

    private static GlueTask taskOf(String dataset, String path) {
        if (dataset.equals("mnli")) {
            return path.contains("mismatched") ? GlueTasks.MNLI_MISMATCHED : GlueTasks.MNLI_MATCHED;
        }
        return GlueTasks.ALL.stream().filter(t -> t.name().equals(dataset)).findFirst().orElseThrow();
    }
}
