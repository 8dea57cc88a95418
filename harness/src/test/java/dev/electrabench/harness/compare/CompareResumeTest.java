package dev.electrabench.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.results.summary.ResultRow;
import dev.electrabench.results.summary.SummaryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, finding 1: {@code compare --resume} with a changed config relabelled the old results. Now a
 * changed pre-training (the budget) is refused naming what changed, and a changed fine-tuning redoes exactly
 * the cells whose inputs changed, with run.json and the rows carrying the new config's hash.
 */
class CompareResumeTest {
    static final Path SMOKE = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml").normalize();

    /** The real fine-tuning, recording which cells ran. */
    static final class Recording implements FineTuning {
        final List<String> cells = new ArrayList<>();
        final TaskFineTuning real = new TaskFineTuning(false, 32);

        @Override
        public Result run(Path modelDir, String task, RunConfig cfg, long seed, Path outDir, Path dataDir) {
            cells.add(task + "/" + seed);
            return real.run(modelDir, task, cfg, seed, outDir, dataDir);
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode identity() {
            return real.identity();
        }
    }

    private static Path write(Path dir, String budget, String seeds, String learningRate) throws Exception {
        Files.writeString(dir.resolve("run.yaml"), Files.readString(SMOKE)
                .replace("learning_rate: 2.0e-3", "learning_rate: " + learningRate)
                .replace("max_train_examples: 512", "max_train_examples: 32")
                .replace("epochs: {default: 2}", "epochs: {default: 1}"));
        return Files.writeString(dir.resolve("compare.yaml"), "name: resume\nrun: run.yaml\nbudget_flops: " + budget
                + "\nmodels: [electra]\nfractions: [1.0]\ntasks: [conll2003]\nseeds: " + seeds + "\n");
    }

    private static List<ResultRow> run(Path config, Path out, Recording ft) {
        return new EfficiencyComparison(CompareConfig.load(config), config, out, DataDir.resolve(), ft, null).run();
    }

    @Test
    void changedPretrainingIsRefusedAndChangedCellsAreRedone(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Path config = write(tmp, "8.9e9", "[1]", "2.0e-3"); // two smoke ELECTRA steps
        Recording first = new Recording();
        run(config, out, first);
        assertEquals(List.of("conll2003/1"), first.cells);

        // budget doubled: the pre-training is another run; refused before anything is trained or relabelled
        Path doubled = write(tmp, "1.78e10", "[1]", "2.0e-3");
        Recording none = new Recording();
        UserException e = assertThrows(UserException.class, () -> run(doubled, out, none));
        assertTrue(e.getMessage().contains("pretrain-electra/run.json") && e.getMessage().contains("total_steps: 2 → 4"),
                e.getMessage());
        assertEquals(List.of(), none.cells);

        // a seed added: only the new cell runs
        Path moreSeeds = write(tmp, "8.9e9", "[1, 2]", "2.0e-3");
        Recording added = new Recording();
        run(moreSeeds, out, added);
        assertEquals(List.of("conll2003/2"), added.cells);

        // the fine-tuning learning rate changed: both cells are redone, and run.json and rows say which config
        Path lr = write(tmp, "8.9e9", "[1, 2]", "1.0e-3");
        Recording redone = new Recording();
        List<ResultRow> rows = run(lr, out, redone);
        assertEquals(List.of("conll2003/1", "conll2003/2"), redone.cells);
        String sha = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("config_sha256").asText();
        assertTrue(rows.stream().allMatch(r -> r.run().configSha256().equals(sha)), "rows and run.json agree");
        assertTrue(SummaryCsv.read(out.resolve("summary.csv")).stream().allMatch(r -> r.run().configSha256().equals(sha)));

        // and the same config again: nothing to redo
        Recording again = new Recording();
        run(lr, out, again);
        assertEquals(List.of(), again.cells);
    }
}
