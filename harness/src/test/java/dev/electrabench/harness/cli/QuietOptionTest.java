package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --quiet: the long-running commands take it, and a run with it writes no progress line to stderr. */
class QuietOptionTest {
    static final Path SMOKE = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml").normalize();

    @TempDir
    Path tmp;

    /** Runs the command with System.err captured (progress bars write there, not to picocli's err). */
    private static String stderrOf(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Cli r = Cli.run(args);
            assertEquals(0, r.exit(), r.err());
        } finally {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pretrainWithQuietPrintsNoProgress() {
        String loud = stderrOf("pretrain", "--config", SMOKE.toString(), "--objective", "bert", "--out", tmp.resolve("a").toString(),
                "--max-steps", "2");
        assertTrue(loud.contains("bert pretrain 2/2 100.0%"), loud);
        String quiet = stderrOf("pretrain", "--config", SMOKE.toString(), "--objective", "bert", "--out", tmp.resolve("b").toString(),
                "--max-steps", "2", "--quiet");
        assertFalse(quiet.contains("pretrain"), quiet);
    }

    @Test
    void everyLongRunningCommandTakesIt() {
        var root = dev.electrabench.harness.ElectraBench.commandLine();
        for (List<String> path : List.of(List.of("pretrain"), List.of("finetune"), List.of("evaluate"), List.of("compare"),
                List.of("data", "fetch"))) {
            var cl = root;
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            assertTrue(cl.getCommandSpec().findOption("--quiet") != null, path.toString());
            assertTrue(cl.getCommandSpec().findOption("-q") != null, path.toString());
        }
    }
}
