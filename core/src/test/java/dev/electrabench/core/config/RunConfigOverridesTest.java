package dev.electrabench.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set key=value} over a file or the defaults, and "did you mean" for keys that do not exist. */
class RunConfigOverridesTest {
    @TempDir
    Path tmp;

    private Path file(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("run.yaml"), yaml);
    }

    private static List<ConfigOverride> sets(String... args) {
        return Arrays.stream(args).map(ConfigOverride::parse).toList();
    }

    private static String error(Path file, String... args) {
        String m = assertThrows(UserException.class, () -> RunConfig.load(file, sets(args))).getMessage();
        assertTrue(!m.contains("\n"), m);
        return m;
    }

    @Test
    void overridesReplaceOneKeyOfTheFileOrTheDefaults() throws IOException {
        Path f = file("name: x\npretrain:\n  learning_rate: 2.0e-3\n  batch_size: 8\nfinetune:\n  epochs: {default: 2, rte: 4}\n");
        RunConfig c = RunConfig.load(f, sets("pretrain.learning_rate=1e-4", "model.num_hidden_layers=2",
                "finetune.epochs.sst2=7", "seed=7", "pretrain.bias_correction=true", "name=renamed"));
        assertEquals(1e-4, c.pretrain().learningRate());
        assertEquals(8, c.pretrain().batchSize(), "keys not set keep the file's value");
        assertEquals(2, c.model().numHiddenLayers());
        assertEquals(7, c.finetune().epochsFor("sst2"));
        assertEquals(4, c.finetune().epochsFor("rte"), "one map entry set; the others stay");
        assertEquals(2, c.finetune().epochsFor("cola"));
        assertEquals(7, c.seed());
        assertTrue(c.pretrain().biasCorrection());
        assertEquals("renamed", c.name());

        RunConfig d = RunConfig.load(null, sets("finetune.learning_rate=3e-5", "finetune.epochs={default: 1}"));
        assertEquals(3e-5, d.finetune().learningRate());
        assertEquals(1, d.finetune().epochsFor("rte"), "a whole map replaces the default map");
        assertEquals(RunConfig.defaults().pretrain(), d.pretrain());
        assertEquals(RunConfig.defaults(), RunConfig.load(null, List.of()));
        // the override changes the hash that run.json records
        assertTrue(!RunConfig.load(f, List.of()).sha256().equals(RunConfig.load(f, sets("seed=3")).sha256()));
    }

    @Test
    void valuesAreReadAsYaml() {
        assertEquals(1e-4, ConfigOverride.parse("a=1e-4").value().doubleValue());
        assertTrue(ConfigOverride.parse("a=1e-4").value().isNumber());
        assertEquals(-2.5e3, ConfigOverride.parse("a=-2.5E+3").value().doubleValue());
        assertTrue(ConfigOverride.parse("a=12").value().isInt());
        assertTrue(ConfigOverride.parse("a=true").value().isBoolean());
        assertEquals(3, ConfigOverride.parse("a=[1, 2, 3]").value().size());
        assertEquals("longest", ConfigOverride.parse("a= longest ").value().asText());
        assertTrue(ConfigOverride.parse("a=").value().isNull());
        assertEquals("x=y", ConfigOverride.parse("a=x=y").value().asText(), "only the first '=' splits");
    }

    @Test
    void malformedArguments() {
        assertEquals("--set pretrain.learning_rate: expected KEY=VALUE, e.g. --set pretrain.learning_rate=1e-4",
                assertThrows(UserException.class, () -> ConfigOverride.parse("pretrain.learning_rate")).getMessage());
        assertTrue(assertThrows(UserException.class, () -> ConfigOverride.parse("=3")).getMessage().contains("KEY=VALUE"));
        assertTrue(assertThrows(UserException.class, () -> ConfigOverride.parse("pre train..x=3")).getMessage()
                .contains("is not a key path"));
    }

    @Test
    void unknownKeysSuggestTheClosest() throws IOException {
        Path f = file("name: x\npretrain:\n  batch_size: 4\n  lerning_rate: 1.0e-3\n");
        assertEquals(f + ":4: unknown key pretrain.lerning_rate (did you mean pretrain.learning_rate?)", error(f));

        Path ok = file("name: x\n");
        assertEquals("--set pretrain.max_step=5: unknown key pretrain.max_step (did you mean pretrain.max_steps?)",
                error(ok, "pretrain.max_step=5"));
        assertEquals("--set learning_rate=1: unknown key learning_rate "
                + "(did you mean finetune.learning_rate or pretrain.learning_rate?)", error(ok, "learning_rate=1"));
        assertEquals("--set modle.hidden_size=8: unknown key modle.hidden_size (did you mean model.hidden_size?)", error(ok, "modle.hidden_size=8"));
        // nothing close: the section's keys
        String far = error(ok, "generator.width=3");
        assertEquals("--set generator.width=3: unknown key generator.width (keys of generator: hidden_fraction)", far);
        // the whole key is checked before anything is set, and before the file's values are bound
        assertTrue(error(file("pretrain:\n  batch_size: lots\n"), "pretrain.batchsize=3")
                .startsWith("--set pretrain.batchsize=3: unknown key pretrain.batchsize (did you mean pretrain.batch_size?)"));
    }

    @Test
    void badValuesNameTheOverride() throws IOException {
        Path f = file("name: x\npretrain:\n  batch_size: 4\n");
        assertEquals("--set pretrain.batch_size=0: pretrain.batch_size: must be > 0, got 0", error(f, "pretrain.batch_size=0"));
        assertEquals("--set pretrain.batch_size=lots: pretrain.batch_size: expected an integer, got \"lots\"",
                error(f, "pretrain.batch_size=lots"));
        assertEquals("--set model=3: model: expected a mapping of keys to values, got 3", error(f, "model=3"));
        assertEquals("--set finetune.padding=both: finetune.padding: must be longest or max_length, got both",
                error(null, "finetune.padding=both"));
        // a problem in the file's own value still names the file's line
        assertTrue(error(file("name: x\npretrain:\n  batch_size: 0\n"), "seed=3").startsWith(tmp.resolve("run.yaml") + ":3: "));
    }

    @Test
    void distanceCountsTyposOnce() {
        assertEquals(1, ConfigKeys.distance("lerning_rate", "learning_rate"));
        assertEquals(1, ConfigKeys.distance("batch_sise", "batch_size"));
        assertEquals(1, ConfigKeys.distance("batch_szie", "batch_size"), "a swap of neighbours is one edit");
        assertEquals(0, ConfigKeys.distance("seed", "seed"));
        assertEquals(4, ConfigKeys.distance("", "seed"));
    }
}
