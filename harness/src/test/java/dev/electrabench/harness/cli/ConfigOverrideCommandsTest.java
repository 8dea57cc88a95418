package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.ConfigOverride;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.harness.compare.CompareConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set key=value} on pretrain, finetune, evaluate and compare: overrides reach the run, unknown keys
 * get "did you mean", and compare configs fail in the same one-line style as run configs.
 */
class ConfigOverrideCommandsTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final Path SMOKE = ROOT.resolve("configs/smoke.yaml");

    @TempDir
    Path tmp;

    private static void assertOneLineExit2(Cli r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("electra-bench: error: " + expected, r.err().strip());
    }

    private Path compareConfig(String body) throws Exception {
        if (!Files.exists(tmp.resolve("smoke.yaml"))) {
            Files.copy(SMOKE, tmp.resolve("smoke.yaml"));
        }
        return Files.writeString(tmp.resolve("compare.yaml"), "name: c\nrun: smoke.yaml\n" + body);
    }

    private static List<ConfigOverride> sets(String... args) {
        return Arrays.stream(args).map(ConfigOverride::parse).toList();
    }

    @Test
    void pretrainRunsWithTheOverridesAndWritesTheResolvedConfig() throws Exception {
        Path out = tmp.resolve("run");
        Cli r = Cli.run("pretrain", "--config", SMOKE.toString(), "--objective", "bert", "--out", out.toString(),
                "--set", "pretrain.max_steps=3", "--set", "pretrain.learning_rate=1e-4", "--set", "pretrain.log_every=1");
        assertEquals(0, r.exit(), r.err());
        RunConfig written = RunConfig.load(out.resolve("config.yaml"));
        assertEquals(3, written.pretrain().maxSteps());
        assertEquals(1e-4, written.pretrain().learningRate());
        assertEquals(RunConfig.load(SMOKE, sets("pretrain.max_steps=3", "pretrain.learning_rate=1e-4")).sha256(),
                written.sha256(), "the file in --out is the resolved config, defaults and overrides included");
        // 3 steps were run: metrics.csv has the step-1 row and rows up to step 3
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(metrics.get(metrics.size() - 1).startsWith("3,"), metrics.toString());
        assertTrue(Files.readString(out.resolve("run.json")).contains("1.0E-4"), "run.json records the overridden value");
    }

    @Test
    void unknownOrBadKeysStopEveryCommandBeforeWork() throws Exception {
        Path out = tmp.resolve("out");
        assertOneLineExit2(Cli.run("pretrain", "--config", SMOKE.toString(), "--objective", "bert", "--out", out.toString(),
                "--set", "pretrain.lerning_rate=1e-4"),
                "--set pretrain.lerning_rate=1e-4: unknown key pretrain.lerning_rate (did you mean pretrain.learning_rate?)");
        assertOneLineExit2(Cli.run("finetune", "--model", tmp.toString(), "--task", "sst2", "--out", out.toString(),
                "--set", "finetune.epoch=2"),
                "--set finetune.epoch=2: unknown key finetune.epoch (did you mean finetune.epochs?)");
        assertOneLineExit2(Cli.run("evaluate", "--model", HfFixture.folder("electra-discriminator").toString(),
                "--tasks", "sst2", "--out", out.toString(), "--set", "finetune.batch_size=0"),
                "--set finetune.batch_size=0: finetune.batch_size: must be > 0, got 0");
        assertOneLineExit2(Cli.run("pretrain", "--config", SMOKE.toString(), "--objective", "bert", "--out", out.toString(),
                "--set", "pretrain.max_steps"),
                "--set pretrain.max_steps: expected KEY=VALUE, e.g. --set pretrain.learning_rate=1e-4");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void compareTakesItsOwnKeysAndTheRunConfigs() throws Exception {
        Path file = compareConfig("budget_flops: 9.0e10\nmodels: [electra, bert]\nfractions: [1.0]\ntasks: [conll2003]\nseeds: [1, 2, 3]\n");
        CompareConfig cc = CompareConfig.load(file, sets("seeds=[4, 5]", "budget_flops=2e11", "pretrain.learning_rate=3e-4",
                "finetune.epochs.conll2003=1"));
        assertEquals(List.of(4L, 5L), cc.seeds());
        assertEquals(2e11, cc.budgetFlops());
        RunConfig run = cc.runConfig(file);
        assertEquals(3e-4, run.pretrain().learningRate());
        assertEquals(1, run.finetune().epochsFor("conll2003"));
        assertEquals(2, run.finetune().epochsFor("sst2"), "smoke.yaml's default stays");
        assertEquals(RunConfig.load(tmp.resolve("smoke.yaml")), CompareConfig.load(file).runConfig(file));

        String m = assertThrows(UserException.class, () -> CompareConfig.load(file, sets("budget_flop=1"))).getMessage();
        assertEquals("--set budget_flop=1: unknown key budget_flop (did you mean budget_flops?)", m);
        m = assertThrows(UserException.class, () -> CompareConfig.load(file, sets("finetune.lerning_rate=1"))).getMessage();
        assertEquals("--set finetune.lerning_rate=1: unknown key finetune.lerning_rate (did you mean finetune.learning_rate?)", m);
    }

    @Test
    void compareConfigErrorsReadLikeRunConfigErrors() throws Exception {
        Path typo = compareConfig("budget_flops: 9.0e10\nmodels: [electra]\nfractions: [1.0]\ntasks: [conll2003]\nseed: [1]\n");
        Path out = tmp.resolve("out");
        assertOneLineExit2(Cli.run("compare", "--config", typo.toString(), "--out", out.toString()),
                typo + ":7: unknown key seed (did you mean seeds?)");
        Path range = compareConfig("budget_flops: 9.0e10\nmodels: [electra]\nfractions: [1.5]\ntasks: [conll2003]\nseeds: [1]\n");
        assertOneLineExit2(Cli.run("compare", "--config", range.toString(), "--out", out.toString()),
                range + ":5: fractions: 1.5 is not in (0, 1]");
        assertOneLineExit2(Cli.run("compare", "--config", range.toString(), "--out", out.toString(), "--set", "fractions=[0.5, 1.0]",
                "--set", "budget_flops=-1"), "--set budget_flops=-1: budget_flops: must be > 0");
        Path type = compareConfig("budget_flops: lots\n");
        assertOneLineExit2(Cli.run("compare", "--config", type.toString(), "--out", out.toString()),
                type + ":3: budget_flops: expected a number, got \"lots\"");
        assertFalse(Files.exists(out.resolve("run.json")));
    }
}
