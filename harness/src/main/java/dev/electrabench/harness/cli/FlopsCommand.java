package dev.electrabench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.flops.BackwardConvention;
import dev.electrabench.core.flops.FlopsPreset;
import dev.electrabench.core.flops.TransformerFlopsParams;
import dev.electrabench.core.model.Architecture;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench flops}: pre-training compute of a paper preset or of a run config, counted
 * the way the ELECTRA paper counts it (google-research/electra flops_computation.py), plus the
 * 3 × forward convention for comparison.
 */
@Command(name = "flops", mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Pre-training FLOPs with the ELECTRA paper's convention (backward = forward), and 3x forward.")
public final class FlopsCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--preset", required = true, description = "A paper run: ${COMPLETION-CANDIDATES}",
                completionCandidates = PresetNames.class)
        String preset;

        @Option(names = "--config", required = true, description = "Run config YAML, read as pretrain reads it (model:, generator:, pretrain.max_seq_length)")
        Path config;
    }

    /** Lets picocli list the preset names in --help. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FlopsPreset.names().iterator();
        }
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"--objective", "--model"}, description = "With --config: electra (discriminator + generator) or bert. --model is the old name.")
    String model;

    @Option(names = "--steps", description = "Training steps (required with --config; overrides a preset's)")
    Long steps;

    @Option(names = "--batch", description = "Batch size (required with --config; overrides a preset's)")
    Long batch;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        FlopsPreset run = source.preset != null ? fromPreset() : fromConfig();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(run));
        } else {
            printTable(out, run);
        }
        out.flush();
        return 0;
    }

    private FlopsPreset fromPreset() {
        FlopsPreset p = FlopsPreset.find(source.preset).orElseThrow(() -> new UserException(
                "unknown preset '" + source.preset + "' (known: " + String.join(", ", FlopsPreset.names()) + ")"));
        if (model != null) {
            throw new UserException("--model only applies to --config; preset '" + p.name() + "' fixes the model");
        }
        return new FlopsPreset(p.name(), p.description(), p.network(), p.generator(),
                positive("--batch", batch, p.batchSize()), positive("--steps", steps, p.steps()));
    }

    /**
     * A run that is not one of the paper's, counted with the same rules, from the config as {@code pretrain}
     * reads it (same reader, same defaults, same generator sizing).
     */
    private FlopsPreset fromConfig() {
        if (model == null || steps == null || batch == null) {
            throw new UserException("--config needs --model electra|bert, --steps N and --batch B");
        }
        if (!model.equals("electra") && !model.equals("bert")) {
            throw new UserException("--model must be electra or bert, got '" + model + "'");
        }
        RunConfig cfg = RunConfig.load(source.config);
        int seq = cfg.pretrain().maxSeqLength();
        TransformerConfig network = TransformerConfig.of(cfg.model(), model.equals("electra")
                ? Architecture.ELECTRA_FOR_PRETRAINING.hfName() : Architecture.BERT_FOR_MASKED_LM.hfName());
        TransformerFlopsParams generator = model.equals("electra")
                ? TransformerFlopsParams.of(cfg.generator().generatorOf(network), seq) : null;
        String what = model + " from " + source.config + (generator != null ? " (generator hidden " + generator.hidden() + ")" : "");
        return new FlopsPreset("custom", what, TransformerFlopsParams.of(network, seq), generator,
                positive("--batch", batch, 0), positive("--steps", steps, 0));
    }

    private static long positive(String option, Long given, long fallback) {
        long value = given != null ? given : fallback;
        if (value <= 0) {
            throw new UserException(option + " must be positive, got " + value);
        }
        return value;
    }

    private String toJson(FlopsPreset run) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("preset", source.preset);
        if (source.config != null) {
            node.put("config", source.config.toString());
            node.put("model", model);
        }
        node.put("train_flops", run.trainFlops(BackwardConvention.BACKWARD_EQUALS_FORWARD));
        node.put("infer_flops", run.inferFlops());
        node.put("flops_per_step", run.flopsPerStep(BackwardConvention.BACKWARD_EQUALS_FORWARD));
        node.put("steps", run.steps());
        node.put("batch_size", run.batchSize());
        node.put("seq_length", run.network().seqLength());
        node.put("train_flops_3x", run.trainFlops(BackwardConvention.BACKWARD_TWICE_FORWARD));
        node.put("flops_per_step_3x", run.flopsPerStep(BackwardConvention.BACKWARD_TWICE_FORWARD));
        return node.toString();
    }

    private void printTable(PrintWriter out, FlopsPreset run) {
        String row = "%-22s %s%n";
        out.printf(Locale.ROOT, row, "run", source.preset != null ? run.name() + ": " + run.description() : run.description());
        out.printf(Locale.ROOT, row, "steps", run.steps());
        out.printf(Locale.ROOT, row, "batch size", run.batchSize());
        out.printf(Locale.ROOT, row, "sequence length", run.network().seqLength());
        out.printf(Locale.ROOT, row, "FLOPs per step", sci(run.flopsPerStep(BackwardConvention.BACKWARD_EQUALS_FORWARD))
                + "   (paper: backward = forward)");
        out.printf(Locale.ROOT, row, "train FLOPs", sci(run.trainFlops(BackwardConvention.BACKWARD_EQUALS_FORWARD))
                + "   (paper: backward = forward)");
        out.printf(Locale.ROOT, row, "FLOPs per step (3x)", sci(run.flopsPerStep(BackwardConvention.BACKWARD_TWICE_FORWARD))
                + "   (backward = 2 x forward)");
        out.printf(Locale.ROOT, row, "train FLOPs (3x)", sci(run.trainFlops(BackwardConvention.BACKWARD_TWICE_FORWARD))
                + "   (backward = 2 x forward)");
        out.printf(Locale.ROOT, row, "infer FLOPs", sci(run.inferFlops()) + "   (one example, binary head)");
    }

    private static String sci(double value) {
        return String.format(Locale.ROOT, "%.4e", value);
    }
}
