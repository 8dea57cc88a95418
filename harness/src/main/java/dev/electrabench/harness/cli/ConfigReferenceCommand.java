package dev.electrabench.harness.cli;

import dev.electrabench.core.config.ConfigReference;
import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.harness.compare.CompareConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench config-reference}: every config key with its default, accepted values and upstream name,
 * as Markdown, built from the code (docs/config-reference.md is this output; a test fails when they differ).
 */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Print every run-config and compare-config key: default, accepted values, google-research/electra or HF name.")
public final class ConfigReferenceCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
            description = "Where to write the Markdown; - = stdout.")
    String out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String md = markdown();
        if (out.equals("-")) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(md);
            w.flush();
        } else {
            AtomicFiles.writeString(Path.of(out), md);
        }
        return 0;
    }

    /** The whole reference: docs/config-reference.md. */
    public static String markdown() {
        return "# Config reference\n\n"
                + "Generated from the code by `electra-bench config-reference --out docs/config-reference.md`; "
                + "`ConfigReferenceTest` fails when this file and the code differ.\n\n"
                + "## Run config (`configs/tiny.yaml`, `pretrain`/`finetune`/`evaluate --config`)\n\n"
                + "Every key is optional; the defaults are google-research/electra's ELECTRA-Small. "
                + "`--set KEY=VALUE` overrides any key by its dotted path (`--set pretrain.learning_rate=1e-4`, "
                + "`--set finetune.epochs.rte=5`), the value read as YAML. Sections are listed with their keys.\n\n"
                + ConfigReference.table(ConfigReference.runConfig(), ConfigReference.runConfigDefaults())
                + "\n## Compare config (`configs/compare-tiny.yaml`, `compare --config`)\n\n"
                + "In `compare`, `--set` of these keys changes the comparison (`--set seeds=[1,2]`); "
                + "any other key changes its run config.\n\n"
                + ConfigReference.table(CompareConfig.REFERENCE, CompareConfig.DEFAULTS);
    }
}
