package dev.electrabench.harness.cli;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench convert}: rewrites a model folder in any layout we read (pytorch_model.bin in the zip
 * or legacy format, sharded .bin or safetensors with an index, model.safetensors) as config.json +
 * model.safetensors (float32), copying its tokenizer files.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Write a model folder (pytorch_model.bin, shards or safetensors) as a float32 model.safetensors folder.")
public final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Folder with config.json and model.safetensors, model.safetensors.index.json, pytorch_model.bin or pytorch_model.bin.index.json.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (replaced atomically if it exists).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path source = HfCheckpoint.convert(model, out);
        spec.commandLine().getOut().println("wrote " + out.resolve(HfCheckpoint.WEIGHTS) + " from " + source);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
