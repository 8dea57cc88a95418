package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.ConfigOverride;
import dev.electrabench.core.config.ConfigReference;
import dev.electrabench.harness.compare.CompareConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/config-reference.md is what the code generates; the compare config's entries match its keys and checks. */
class ConfigReferenceDocTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    @TempDir
    Path tmp;

    @Test
    void committedReferenceIsTheGeneratedOne() throws Exception {
        String committed = Files.readString(ROOT.resolve("docs/config-reference.md"));
        assertEquals(ConfigReferenceCommand.markdown(), committed,
                "docs/config-reference.md is stale: run electra-bench config-reference --out docs/config-reference.md");
        Cli printed = Cli.run("config-reference");
        assertEquals(0, printed.exit(), printed.err());
        assertEquals(committed, printed.out());
        Path file = tmp.resolve("ref.md");
        assertEquals(0, Cli.run("config-reference", "--out", file.toString()).exit());
        assertEquals(committed, Files.readString(file));
        assertTrue(committed.contains("| `pretrain.learning_rate` | `5.0e-4` | > 0 | ELECTRA `learning_rate` |"), committed);
    }

    @Test
    void compareEntriesAreItsKeysAndRanges() throws Exception {
        Set<String> documented = CompareConfig.REFERENCE.stream().map(ConfigReference.Entry::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(CompareConfig.KEYS.all(), documented);
        assertEquals(documented, new TreeSet<>(CompareConfig.DEFAULTS.keySet()));

        Files.copy(ROOT.resolve("configs/smoke.yaml"), tmp.resolve("smoke.yaml"));
        Path file = Files.writeString(tmp.resolve("c.yaml"), "run: smoke.yaml\nbudget_flops: 1.0e11\nmodels: [bert]\n"
                + "fractions: [1.0]\ntasks: [conll2003]\nseeds: [1]\n");
        Map<String, List<String>> refused = Map.of("budget_flops", List.of("0", "-1"), "fractions", List.of("[0]", "[1.01]"),
                "max_eval_examples", List.of("-1"), "models", List.of("[roberta]"));
        refused.forEach((key, values) -> values.forEach(v -> {
            String m = assertThrows(UserException.class,
                    () -> CompareConfig.load(file, List.of(ConfigOverride.parse(key + "=" + v))), key + "=" + v).getMessage();
            assertTrue(m.startsWith("--set " + key + "=" + v + ": " + key + ": "), m);
        }));
        for (String ok : List.of("budget_flops=1e-3", "fractions=[1e-3, 1]", "max_eval_examples=0", "models=[electra, bert, none]")) {
            CompareConfig.load(file, List.of(ConfigOverride.parse(ok)));
        }
    }
}
