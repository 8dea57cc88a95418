package dev.electrabench.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.electrabench.core.UserException;
import dev.electrabench.core.flops.BackwardConvention;
import dev.electrabench.core.flops.FlopCounter;
import dev.electrabench.core.flops.FlopsPreset;
import dev.electrabench.core.flops.TransformerFlopsParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

        @Option(names = "--config", required = true, description = "Run config YAML (model: HF config.json fields, pretrain: max_seq_length)")
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

    /** A run that is not one of the paper's, counted with the same rules. */
    private FlopsPreset fromConfig() {
        if (model == null || steps == null || batch == null) {
            throw new UserException("--config needs --model electra|bert, --steps N and --batch B");
        }
        ModelView view = ModelView.read(source.config);
        TransformerFlopsParams network = view.network();
        TransformerFlopsParams generator = switch (model) {
            case "bert" -> null;
            case "electra" -> FlopCounter.electraGenerator(network, view.generatorHidden(), network.layers(), true);
            default -> throw new UserException("--model must be electra or bert, got '" + model + "'");
        };
        String what = model + " from " + source.config + (generator != null ? " (generator hidden " + generator.hidden() + ")" : "");
        return new FlopsPreset("custom", what, network, generator, positive("--batch", batch, 0), positive("--steps", steps, 0));
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

    /**
     * The few fields of a run config the FLOP count needs. Deliberately minimal and tolerant of any
     * other key: the full run config is parsed elsewhere.
     */
    private record ModelView(Path file, JsonNode model, int seqLength) {
        static final double DEFAULT_GENERATOR_FRACTION = 0.25;
        static final int DEFAULT_SEQ_LENGTH = 128;
        static final int DEFAULT_VOCAB = 30522;

        static ModelView read(Path file) {
            JsonNode root;
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw UserException.in(file, "no such config file");
            } catch (JsonProcessingException e) {
                String problem = "not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " ").strip();
                throw e.getLocation() != null && e.getLocation().getLineNr() > 0
                        ? UserException.at(file, e.getLocation().getLineNr(), problem)
                        : UserException.in(file, problem);
            } catch (IOException e) {
                throw UserException.in(file, "cannot read: " + e.getMessage());
            }
            if (root == null || !root.isObject()) {
                throw UserException.in(file, "expected a YAML mapping with a 'model:' section");
            }
            JsonNode model = root.get("model");
            if (model == null || !model.isObject()) {
                throw UserException.in(file, "missing 'model:' section (HF config.json fields: hidden_size, num_hidden_layers, ...)");
            }
            JsonNode pretrain = root.get("pretrain");
            ModelView view = new ModelView(file, model, DEFAULT_SEQ_LENGTH);
            int seq = pretrain != null && pretrain.isObject()
                    ? view.positiveInt(pretrain, "pretrain.max_seq_length", DEFAULT_SEQ_LENGTH)
                    : DEFAULT_SEQ_LENGTH;
            return new ModelView(file, model, seq);
        }

        TransformerFlopsParams network() {
            int hidden = positiveInt(model, "model.hidden_size", null);
            return new TransformerFlopsParams(
                    hidden,
                    positiveInt(model, "model.num_hidden_layers", null),
                    seqLength,
                    positiveInt(model, "model.vocab_size", DEFAULT_VOCAB),
                    positiveInt(model, "model.embedding_size", hidden),
                    positiveInt(model, "model.intermediate_size", 4 * hidden),
                    positiveInt(model, "model.num_attention_heads", TransformerFlopsParams.defaultHeads(hidden)),
                    TransformerFlopsParams.DEFAULT_OUTPUT_FRAC,
                    false);
        }

        /** ELECTRA sizes its generator as a fraction of the discriminator's hidden size. */
        int generatorHidden() {
            String key = "model.generator_hidden_fraction";
            JsonNode node = model.get("generator_hidden_fraction");
            double fraction = DEFAULT_GENERATOR_FRACTION;
            if (node != null && !node.isNull()) {
                if (!node.isNumber() || !(node.doubleValue() > 0 && node.doubleValue() <= 1)) {
                    throw UserException.in(file, key + " must be a number in (0, 1], got " + node);
                }
                fraction = node.doubleValue();
            }
            int hidden = network().hidden();
            int generator = (int) Math.round(hidden * fraction);
            if (generator < 1) {
                throw UserException.in(file, key + " " + fraction + " of hidden_size " + hidden + " leaves no generator");
            }
            return generator;
        }

        private int positiveInt(JsonNode section, String key, Integer fallback) {
            JsonNode node = section.get(key.substring(key.indexOf('.') + 1));
            if (node == null || node.isNull()) {
                if (fallback == null) {
                    throw UserException.in(file, "missing " + key);
                }
                return fallback;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
                throw UserException.in(file, key + " must be a positive integer, got " + node);
            }
            return node.intValue();
        }
    }
}
