package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.DataDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, in-process: every user mistake a command meets is one line and exit 2, found before the first
 * expensive step where it can be; a run folder refuses a resume with other settings; divergence and damaged
 * checkpoints are handled. Runs the smoke model for a few steps on the real corpus.
 */
class RunFolderCommandsTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final Path SMOKE = ROOT.resolve("configs/smoke.yaml");
    static final Path DATA = DataDir.resolve();

    @TempDir
    Path tmp;

    /** smoke.yaml with {@code from} replaced by {@code to} (the replacement must happen). */
    private Path smokeWith(String name, String... fromTo) throws Exception {
        String text = Files.readString(SMOKE);
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(text.contains(fromTo[i]), fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        return Files.writeString(tmp.resolve(name), text);
    }

    private static void assertOneLineExit2(Cli r, String contains) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("electra-bench: error: "), r.err());
        assertTrue(r.err().contains(contains), r.err());
    }

    // ---- finding 1: a resume must be the same run

    @Test
    void pretrainRefusesToContinueAnotherSeedsRun() throws Exception {
        Path out = tmp.resolve("run");
        Cli first = Cli.run("pretrain", "--config", SMOKE.toString(), "--model", "bert", "--out", out.toString(), "--max-steps", "2");
        assertEquals(0, first.exit(), first.err());
        Path state = out.resolve("checkpoints/step-2/trainer/state.json");
        FileTime before = Files.getLastModifiedTime(state);
        Cli other = Cli.run("pretrain", "--config", SMOKE.toString(), "--model", "bert", "--out", out.toString(), "--max-steps", "2",
                "--seed", "7");
        assertOneLineExit2(other, "seed: 42 → 7");
        assertTrue(other.err().contains(out.resolve("run.json").toString()), other.err());
        assertEquals(before, Files.getLastModifiedTime(state), "the seed-42 run was not touched");
        // and a longer schedule is another run too (the LR schedule depends on it)
        assertOneLineExit2(Cli.run("pretrain", "--config", SMOKE.toString(), "--model", "bert", "--out", out.toString(),
                "--max-steps", "4"), "total_steps: 2 → 4");
    }

    /** A random 1-layer ELECTRA discriminator over the BERT vocabulary (its init seed makes it another model). */
    private Path tinyModel(String name, long seed) {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 30522;
        c.embeddingSize = 16;
        c.hiddenSize = 32;
        c.numHiddenLayers = 1;
        c.numAttentionHeads = 1;
        c.intermediateSize = 64;
        c.maxPositionEmbeddings = 64;
        c.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        Path model = tmp.resolve(name);
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, seed), model);
        return model;
    }

    @Test
    void finetuneRefusesToWriteAnotherRunIntoItsFolder() {
        Path model = tinyModel("model", 1);
        Path out = tmp.resolve("ft");
        String[] common = {"finetune", "--model", model.toString(), "--out", out.toString(), "--epochs", "1",
            "--max-train-examples", "32", "--max-eval-examples", "16", "--max-seq-length", "48", "--no-test"};
        Cli first = Cli.run(concat(common, "--task", "rte", "--seed", "3"));
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, Cli.run(concat(common, "--task", "rte", "--seed", "3")).exit(), "the same run again");
        assertOneLineExit2(Cli.run(concat(common, "--task", "rte", "--seed", "4")), "seed: 3 → 4");
        assertOneLineExit2(Cli.run(concat(common, "--task", "mrpc", "--seed", "3")), "task: rte → mrpc");
    }

    @Test
    void evaluateRefusesToResumeWithAnotherModel() throws Exception {
        Path config = smokeWith("ft.yaml", "max_train_examples: 512", "max_train_examples: 32", "epochs: {default: 2}",
                "epochs: {default: 1}");
        Path out = tmp.resolve("eval");
        Cli first = Cli.run("evaluate", "--model", tinyModel("a", 1).toString(), "--tasks", "rte", "--seeds", "1",
                "--config", config.toString(), "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        assertOneLineExit2(Cli.run("evaluate", "--model", tinyModel("b", 2).toString(), "--tasks", "rte", "--seeds", "1",
                "--config", config.toString(), "--out", out.toString()), "model_sha256: ");
        assertOneLineExit2(Cli.run("evaluate", "--model", tinyModel("c", 3).toString(), "--tasks", "rte,nope", "--seeds", "1",
                "--config", config.toString(), "--out", tmp.resolve("eval2").toString()), "unknown task 'nope'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---- finding 3: other shapes are refused before ND4J sees them (was SIGSEGV, exit 134)

    @Test
    void resumeWithOtherShapesIsRefusedNotCrashed() throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, Cli.run("pretrain", "--config", SMOKE.toString(), "--model", "electra", "--out", out.toString(),
                "--max-steps", "1").exit());
        Path wider = smokeWith("wider.yaml", "hidden_size: 64", "hidden_size: 128");
        assertOneLineExit2(Cli.run("pretrain", "--config", wider.toString(), "--model", "electra", "--out", out.toString(),
                "--max-steps", "1"), "config.model.hidden_size: 64 → 128");
        // a folder with checkpoints but no record of what they are is not guessed at
        Files.delete(out.resolve("run.json"));
        assertOneLineExit2(Cli.run("pretrain", "--config", wider.toString(), "--model", "electra", "--out", out.toString(),
                "--max-steps", "1"), "holds checkpoints but no run.json");
    }

    // ---- finding 4: ELECTRA's divergence (was IndexOutOfBoundsException, exit 1)

    @Test
    void electraDivergenceIsOneLineExit2KeepingTheLastGoodCheckpoint() throws Exception {
        Path config = smokeWith("diverge.yaml", "checkpoint_every: 10", "checkpoint_every: 1\n  learning_rate: 1.0e30");
        Path out = tmp.resolve("run");
        Cli r = Cli.run("pretrain", "--config", config.toString(), "--model", "electra", "--out", out.toString(), "--max-steps", "8");
        assertOneLineExit2(r, "training diverged at step ");
        Matcher m = Pattern.compile("last good checkpoint: (\\S+)$").matcher(r.err().strip());
        assertTrue(m.find(), r.err());
        assertTrue(Files.exists(Path.of(m.group(1)).resolve("trainer/state.json")), "kept: " + m.group(1));
        assertFalse(Files.exists(out.resolve("final")), "no final model from a diverged run");
    }

    // ---- finding 5: one-line messages

    @Test
    void corruptNewestCheckpointFallsBackToThePreviousOne() throws Exception {
        Path config = smokeWith("every2.yaml", "checkpoint_every: 10", "checkpoint_every: 2");
        Path out = tmp.resolve("run");
        String[] args = {"pretrain", "--config", config.toString(), "--model", "bert", "--out", out.toString(), "--max-steps", "4"};
        assertEquals(0, Cli.run(args).exit());
        Files.writeString(out.resolve("checkpoints/step-4/trainer/state.json"), "{\"step\": 4, garbage");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        Cli r;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            r = Cli.run(args);
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, r.exit(), r.err());
        String said = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("electra-bench: warning:"))
                .findFirst().orElse("");
        assertTrue(said.contains(out.resolve("checkpoints/step-4") + " is unreadable (") && said.contains("state.json:1: ")
                && said.endsWith("resuming from the previous intact checkpoint " + out.resolve("checkpoints/step-2")), said);
        assertTrue(Files.exists(out.resolve("checkpoints/step-4/trainer/state.json")));
        assertTrue(Files.readString(out.resolve("checkpoints/step-4/trainer/state.json")).contains("\"step\" : 4"),
                "step 4 trained again and rewritten");
    }

    @Test
    void emptyCorpusIsOneLine() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("vocab"));
        Files.createDirectories(data.resolve("corpus"));
        Files.copy(DATA.resolve("vocab/bert-base-uncased-vocab.txt"), data.resolve("vocab/bert-base-uncased-vocab.txt"));
        Files.writeString(data.resolve("corpus/empty.txt"), "");
        Path config = smokeWith("empty.yaml", "corpus: corpus/enwiki-wikiextractor", "corpus: corpus/empty.txt");
        Cli r = Cli.run("pretrain", "--config", config.toString(), "--model", "bert", "--out", tmp.resolve("run").toString(),
                "--data-dir", data.toString());
        assertOneLineExit2(r, data.resolve("corpus/empty.txt") + ": no pre-training examples");
    }

    @Test
    void usageErrorIsOneLine() {
        assertOneLineExit2(Cli.run("pretrain", "--config"), "(see 'electra-bench pretrain --help')");
        assertOneLineExit2(Cli.run("score", "--no-such-option"), "electra-bench score --help");
    }

    // ---- finding 6: validated before the first expensive step

    @Test
    void budgetBelowOneStepIsRefusedWithTheMinimum() {
        Cli r = Cli.run("pretrain", "--config", SMOKE.toString(), "--model", "electra", "--out", tmp.resolve("run").toString(),
                "--budget-flops", "1e3");
        assertOneLineExit2(r, "FLOP budget 1.000e+03 is less than one training step");
        assertTrue(r.err().contains("give at least "), r.err());
        assertFalse(Files.exists(tmp.resolve("run/checkpoints")));
    }

    private Path compareConfig(String body) throws Exception {
        Files.copy(SMOKE, tmp.resolve("smoke.yaml"));
        return Files.writeString(tmp.resolve("compare.yaml"), "name: c\nrun: smoke.yaml\n" + body);
    }

    @Test
    void compareChecksTasksBudgetAndOutputBeforeTraining() throws Exception {
        Path unknown = compareConfig("budget_flops: 9.0e10\nmodels: [electra, bert]\nfractions: [1.0]\n"
                + "tasks: [conll2003, no-such-task]\nseeds: [1]\n");
        Path out = tmp.resolve("out");
        assertOneLineExit2(Cli.run("compare", "--config", unknown.toString(), "--out", out.toString()),
                "unknown task 'no-such-task'");
        assertFalse(Files.exists(out.resolve("pretrain-electra")), "nothing trained");
        assertFalse(Files.exists(out.resolve("run.json")), "a refused run leaves nothing to --resume");

        Path tiny = Files.writeString(tmp.resolve("tiny-budget.yaml"), Files.readString(unknown)
                .replace("budget_flops: 9.0e10", "budget_flops: 1.0e3").replace(", no-such-task", ""));
        assertOneLineExit2(Cli.run("compare", "--config", tiny.toString(), "--out", out.toString()),
                "budget_flops 1.000e+03 is less than one electra step");

        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        assertOneLineExit2(Cli.run("compare", "--config", tiny.toString(), "--out", blocker.resolve("out").toString()),
                "output folder is not writable");
    }

    // ---- finding 7: prediction files matching nothing

    @Test
    void scoreRefusesGluePredictionsMatchingNoRow() throws Exception {
        Path predictions = Files.writeString(tmp.resolve("SST-2.tsv"), "index\tprediction\n");
        assertOneLineExit2(Cli.run("score", "--task", "sst2", "--data", DATA.resolve("glue/SST-2/dev.tsv").toString(),
                "--predictions", predictions.toString()), "(872 of 872 rows missing)");
    }

    @Test
    void scoreRefusesSquadPredictionsMatchingNoQuestion() throws Exception {
        Path predictions = Files.writeString(tmp.resolve("predictions.json"), "{\"not-an-id\": \"Denver Broncos\"}");
        assertOneLineExit2(Cli.run("score", "--task", "squad1.1", "--data", DATA.resolve("squad/v1.1/dev-v1.1.json").toString(),
                "--predictions", predictions.toString()), "(10570 of 10570 ids missing)");
    }
}
