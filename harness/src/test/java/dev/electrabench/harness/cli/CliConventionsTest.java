package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.BuildInfo;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.harness.ElectraBench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every command shares: descriptions, defaults and exit codes in its help, renamed options and their old names, --version, completion. */
class CliConventionsTest {
    @TempDir
    Path dir;

    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        collect(ElectraBench.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(c -> collect(c, into));
    }

    @Test
    void everyHelpDescribesEveryOptionShowsDefaultsAndListsExitCodes() {
        List<String> problems = new ArrayList<>();
        for (CommandLine cl : allCommands()) {
            CommandSpec spec = cl.getCommandSpec();
            if (spec.name().equals("help") || spec.name().equals("generate-completion")) {
                continue; // picocli's own
            }
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (!help.contains("Exit codes:") || !help.contains("  2   ")) {
                problems.add(spec.qualifiedName() + ": no exit codes");
            }
            for (OptionSpec o : spec.options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                if (o.description().length == 0 || String.join("", o.description()).isBlank()) {
                    problems.add(spec.qualifiedName() + " " + o.longestName() + ": no description");
                }
                if (o.defaultValue() != null && !o.arity().equals(CommandLine.Range.valueOf("0"))
                        && !help.contains("Default: " + o.defaultValue())) {
                    problems.add(spec.qualifiedName() + " " + o.longestName() + ": default " + o.defaultValue() + " not shown");
                }
            }
            spec.positionalParameters().forEach(p -> {
                if (!p.hidden() && String.join("", p.description()).isBlank()) {
                    problems.add(spec.qualifiedName() + " " + p.paramLabel() + ": no description");
                }
            });
        }
        assertEquals(List.of(), problems);
        // the command list shows whole sentences, not the first line of a wrapped description
        for (CommandLine cl : allCommands()) {
            CommandSpec spec = cl.getCommandSpec();
            String[] summary = spec.usageMessage().header().length > 0 ? spec.usageMessage().header() : spec.usageMessage().description();
            if (cl.getParent() != null && !spec.name().equals("help") && !spec.name().equals("generate-completion")) {
                assertTrue(summary.length > 0 && summary[0].strip().endsWith("."), spec.qualifiedName() + ": cut summary '" + summary[0] + "'");
            }
        }
        String top = Cli.run("--help").out();
        assertTrue(top.matches("(?s).*\\n  compare +ELECTRA vs BERT vs no pre-training at the same.*"), top);
        assertTrue(top.contains("generate-completion"), top);
    }

    @Test
    void renamedOptionsAndTheirOldNames() throws Exception {
        Path vocab = DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt");
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"text\": \"The quick brown fox, jumped.\"}\n{\"text\": \"Hello\", \"text_pair\": \"world\"}\n");
        Cli byNew = Cli.run("tokenize", "--vocab", vocab.toString(), "--input", in.toString(), "--out", dir.resolve("a.jsonl").toString());
        Cli byOld = Cli.run("tokenize", "--vocab", vocab.toString(), "--input", in.toString(), "--output", dir.resolve("b.jsonl").toString());
        assertEquals(0, byNew.exit(), byNew.err());
        assertEquals(0, byOld.exit(), byOld.err());
        assertEquals(Files.readString(dir.resolve("a.jsonl")), Files.readString(dir.resolve("b.jsonl")));
        assertTrue(Files.readString(dir.resolve("a.jsonl")).contains("\"input_ids\""));
        // the old name is read but no longer shown; --out stays required
        for (String command : List.of("tokenize", "forward")) {
            String help = Cli.run(command, "--help").out();
            assertTrue(help.contains("--out"), help);
            assertFalse(help.contains("--output"), command + " help still shows the old name: " + help);
        }
        Cli missing = Cli.run("tokenize", "--vocab", vocab.toString(), "--input", in.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required option: '--out=OUT.jsonl'"), missing.err());

        // --objective (what to pre-train) and its old name --model give the same accounting
        Path config = Path.of(System.getProperty("user.dir")).resolve("../configs/smoke.yaml").normalize();
        Cli objective = Cli.run("flops", "--config", config.toString(), "--objective", "electra", "--steps", "10", "--batch", "8", "--json");
        Cli model = Cli.run("flops", "--config", config.toString(), "--model", "electra", "--steps", "10", "--batch", "8", "--json");
        assertEquals(0, objective.exit(), objective.err());
        assertEquals(model.out(), objective.out());
        Cli bert = Cli.run("flops", "--config", config.toString(), "--objective", "bert", "--steps", "10", "--batch", "8", "--json");
        assertTrue(!bert.out().equals(objective.out()), "the objective is used");
    }

    @Test
    void dashMeansStdout() throws Exception {
        Path vocab = DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt");
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{\"text\": \"Hello, world.\"}\n");
        Cli toFile = Cli.run("tokenize", "--vocab", vocab.toString(), "--input", in.toString(), "--out", dir.resolve("t.jsonl").toString());
        Cli toStdout = Cli.run("tokenize", "--vocab", vocab.toString(), "--input", in.toString(), "--out", "-");
        assertEquals(0, toStdout.exit(), toStdout.err());
        assertEquals(Files.readString(dir.resolve("t.jsonl")), toStdout.out(), "stdout holds the file and nothing else");
        assertTrue(toStdout.err().contains("tokenized 1 lines -> -"), toStdout.err());
        assertTrue(toFile.out().contains("tokenized 1 lines"), "with a file the summary stays on stdout");
        assertTrue(!Files.exists(Path.of("-")), "no file named '-'");
        Cli ref = Cli.run("config-reference", "--out", "-");
        assertTrue(ref.out().startsWith("# Config reference"), ref.out());
    }

    @Test
    void versionNamesTheCommitTheClassesWereBuiltFrom() throws Exception {
        Cli v = Cli.run("--version");
        assertEquals(0, v.exit());
        String commit = BuildInfo.gitCommit();
        assertTrue(commit.matches("[0-9a-f]{40}(-dirty)?"), commit);
        assertTrue(v.out().contains("git commit " + commit), v.out());
        assertTrue(v.out().contains("ND4J 1.0.0-M2.1"), v.out());
        assertTrue(v.out().contains("Java " + System.getProperty("java.version")), v.out());
        // the build's commit is this checkout's HEAD (the classes were compiled from it)
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0, head);
        assertEquals(head, commit.substring(0, 40));
    }

    @Test
    void completionScriptKnowsTheCommands() throws IOException {
        Cli c = Cli.run("generate-completion");
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("complete -F _complete_electra-bench"), c.out().substring(0, Math.min(500, c.out().length())));
        for (String cmd : List.of("compare", "report", "check", "pretrain")) {
            assertTrue(c.out().contains(cmd), cmd);
        }
        assertTrue(c.out().contains("--objective"));
    }
}
