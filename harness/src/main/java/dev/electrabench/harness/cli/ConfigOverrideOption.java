package dev.electrabench.harness.cli;

import dev.electrabench.core.config.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --set KEY=VALUE} (repeatable): overrides of config keys, shared by every command that reads a config. */
public final class ConfigOverrideOption {
    @Option(names = "--set", paramLabel = "KEY=VALUE", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Override a config key (dotted path, repeatable), e.g. --set pretrain.learning_rate=1e-4 "
                    + "--set finetune.epochs.rte=5; the value is read as YAML ([1, 2] is a list). "
                    + "'electra-bench config-reference' lists every key.")
    List<String> sets = new ArrayList<>();

    /** The overrides in the order given; a malformed one is a one-line error (exit 2). */
    public List<ConfigOverride> overrides() {
        return sets.stream().map(ConfigOverride::parse).toList();
    }
}
