package dev.electrabench.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every run-config key means: its range and its name in google-research/electra (and HF transformers),
 * beside the default taken from {@link RunConfig#defaults()}. {@code config-reference} prints it and
 * docs/config-reference.md is its output; tests check that it names exactly the keys a run config accepts
 * and that each range is the one the records enforce (values just outside are refused, the bounds accepted).
 */
public final class ConfigReference {
    private static final ObjectMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /**
     * The values a key accepts: numeric bounds (each open or closed, null = none), a list of choices, or
     * only a text (names, paths, maps).
     */
    public record Range(Double min, boolean minIncluded, Double max, boolean maxIncluded, List<String> choices, String text) {
        public static Range above(double min) {
            return new Range(min, false, null, false, List.of(), null);
        }

        public static Range atLeast(double min) {
            return new Range(min, true, null, false, List.of(), null);
        }

        public static Range between(double min, boolean minIncluded, double max, boolean maxIncluded) {
            return new Range(min, minIncluded, max, maxIncluded, List.of(), null);
        }

        public static Range oneOf(String... choices) {
            return new Range(null, false, null, false, List.of(choices), null);
        }

        public static Range described(String text) {
            return new Range(null, false, null, false, List.of(), text);
        }

        /** Whether the bounds can be probed (numeric). */
        public boolean numeric() {
            return min != null || max != null;
        }

        /** "> 0", ">= 3", "[0, 1)", "longest, max_length", or the text. */
        public String render() {
            if (!choices.isEmpty()) {
                return String.join(", ", choices.stream().map(c -> "`" + c + "`").toList());
            }
            if (text != null) {
                return text;
            }
            if (max == null) {
                return (minIncluded ? ">= " : "> ") + number(min);
            }
            return (minIncluded ? "[" : "(") + number(min) + ", " + number(max) + (maxIncluded ? "]" : ")");
        }
    }

    /**
     * @param key      dotted path, e.g. {@code pretrain.learning_rate}
     * @param range    accepted values (further constraints between keys are in {@code meaning})
     * @param upstream the same setting's name in google-research/electra and/or HF transformers, or "" for ours
     * @param meaning  one sentence
     */
    public record Entry(String key, Range range, String upstream, String meaning) {}

    private static final List<Entry> RUN = List.of(
            e("name", Range.described("letters, digits, `.`, `_`, `-`"), "ELECTRA `model_name`",
                    "Run name, used in output paths; defaults to the config file's name without extension."),
            e("seed", Range.described("any integer"), "HF `seed`",
                    "Master seed for data order, masking, initialisation and dropout."),
            e("data_dir", Range.described("a directory, or null"), "ELECTRA `data_dir`",
                    "Data directory; null = `--data-dir`, env `ELECTRA_BENCH_DATA` or `../shared/data`."),
            e("vocab", Range.described("a non-empty path"), "ELECTRA `vocab_file`",
                    "WordPiece vocabulary, relative to the data directory."),
            e("corpus", Range.described("a non-empty path"), "",
                    "Pre-training corpus (a folder of WikiExtractor output), relative to the data directory."),
            e("model", Range.described("a mapping"), "HF `config.json`", "The discriminator (or BERT) encoder's shape."),
            e("model.vocab_size", Range.atLeast(1), "HF/ELECTRA `vocab_size`", "Vocabulary size."),
            e("model.embedding_size", Range.atLeast(1), "HF/ELECTRA `embedding_size`",
                    "Token embedding width (factorised, projected to hidden_size when different)."),
            e("model.hidden_size", Range.atLeast(1), "HF `hidden_size` (ELECTRA `model_size` small = 256)",
                    "Encoder width."),
            e("model.num_hidden_layers", Range.atLeast(1), "HF `num_hidden_layers`", "Encoder layers."),
            e("model.num_attention_heads", Range.atLeast(1), "HF `num_attention_heads`",
                    "Attention heads; must divide hidden_size."),
            e("model.intermediate_size", Range.atLeast(1), "HF `intermediate_size`", "Feed-forward width."),
            e("model.max_position_embeddings", Range.atLeast(1), "HF `max_position_embeddings`",
                    "Positions; every max_seq_length must fit in it."),
            e("model.type_vocab_size", Range.atLeast(1), "HF `type_vocab_size`", "Segment (token type) ids."),
            e("model.hidden_dropout_prob", Range.between(0, true, 1, false), "HF `hidden_dropout_prob`",
                    "Dropout on embeddings and sublayer outputs during pre-training."),
            e("model.attention_probs_dropout_prob", Range.between(0, true, 1, false), "HF `attention_probs_dropout_prob`",
                    "Dropout on attention probabilities during pre-training."),
            e("model.initializer_range", Range.above(0), "HF `initializer_range`", "Std of the truncated-normal initialisation."),
            e("model.layer_norm_eps", Range.above(0), "HF `layer_norm_eps`", "LayerNorm epsilon."),
            e("generator", Range.described("a mapping"), "", "The ELECTRA generator, sized from the discriminator."),
            e("generator.hidden_fraction", Range.between(0, false, 1, true), "ELECTRA `generator_hidden_size`",
                    "Generator width as a fraction of hidden_size, rounded (heads = width / 64, FFN 4x); the width must be >= 1 and split into its heads."),
            e("pretrain", Range.described("a mapping"), "ELECTRA `configure_pretraining.py`", "Pre-training hyper-parameters."),
            e("pretrain.max_seq_length", Range.atLeast(3), "ELECTRA `max_seq_length`",
                    "Tokens per example; at most model.max_position_embeddings."),
            e("pretrain.batch_size", Range.atLeast(1), "ELECTRA `train_batch_size`", "Examples per step."),
            e("pretrain.max_steps", Range.atLeast(1), "ELECTRA `num_train_steps`, HF `max_steps`",
                    "Steps (the learning-rate schedule's length); `--max-steps` and `--budget-flops` override."),
            e("pretrain.learning_rate", Range.above(0), "ELECTRA `learning_rate`", "Peak learning rate."),
            e("pretrain.warmup_steps", Range.atLeast(0), "ELECTRA `num_warmup_steps`, HF `warmup_steps`",
                    "Linear warm-up steps."),
            e("pretrain.lr_decay_power", Range.above(0), "ELECTRA `lr_decay_power`",
                    "Polynomial decay power after warm-up (1 = linear)."),
            e("pretrain.weight_decay", Range.atLeast(0), "ELECTRA `weight_decay_rate`, HF `weight_decay`",
                    "Decoupled weight decay (not on LayerNorm or biases)."),
            e("pretrain.adam_beta1", Range.between(0, true, 1, false), "ELECTRA optimizer `beta_1`, HF `adam_beta1`", "Adam beta1."),
            e("pretrain.adam_beta2", Range.between(0, true, 1, false), "ELECTRA optimizer `beta_2`, HF `adam_beta2`", "Adam beta2."),
            e("pretrain.adam_epsilon", Range.atLeast(0), "ELECTRA optimizer `epsilon`, HF `adam_epsilon`", "Adam epsilon."),
            e("pretrain.bias_correction", Range.oneOf("true", "false"), "HF AdamW `correct_bias`",
                    "Adam bias correction; ELECTRA's AdamWeightDecayOptimizer has none."),
            e("pretrain.max_grad_norm", Range.atLeast(0), "ELECTRA `clip_by_global_norm` 1.0, HF `max_grad_norm`",
                    "Global gradient-norm clip; 0 = off."),
            e("pretrain.mask_prob", Range.between(0, false, 1, false), "ELECTRA `mask_prob`, HF `mlm_probability`",
                    "Fraction of tokens masked."),
            e("pretrain.max_predictions_per_seq", Range.described("0 (derive) or 1 to max_seq_length"),
                    "ELECTRA `max_predictions_per_seq`",
                    "Masked slots per sequence; 0 derives int((mask_prob + 0.005) x max_seq_length)."),
            e("pretrain.disc_weight", Range.atLeast(0), "ELECTRA `disc_weight`", "Discriminator loss weight (lambda)."),
            e("pretrain.gen_weight", Range.atLeast(0), "ELECTRA `gen_weight`", "Generator loss weight."),
            e("pretrain.temperature", Range.above(0), "ELECTRA `temperature`", "Generator sampling temperature."),
            e("pretrain.log_every", Range.atLeast(1), "ELECTRA `iterations_per_loop`, HF `logging_steps`",
                    "Steps between metrics.csv rows."),
            e("pretrain.checkpoint_every", Range.atLeast(1), "ELECTRA `save_checkpoints_steps`, HF `save_steps`",
                    "Steps between checkpoints."),
            e("pretrain.keep_checkpoints", Range.atLeast(1), "ELECTRA `keep_checkpoint_max`, HF `save_total_limit`",
                    "Checkpoints kept."),
            e("pretrain.max_examples", Range.atLeast(0), "", "Cap on examples built from the corpus; 0 = all."),
            e("finetune", Range.described("a mapping"), "ELECTRA `configure_finetuning.py`", "Fine-tuning hyper-parameters, every task."),
            e("finetune.learning_rate", Range.above(0), "ELECTRA `learning_rate`", "Peak learning rate."),
            e("finetune.layerwise_lr_decay", Range.between(0, false, 1, true), "ELECTRA `layerwise_lr_decay`",
                    "Learning-rate multiplier per layer towards the input; 1 = off."),
            e("finetune.weight_decay", Range.atLeast(0), "ELECTRA `weight_decay_rate`, HF `weight_decay`",
                    "Decoupled weight decay (0: the paper's Table 7)."),
            e("finetune.warmup_proportion", Range.between(0, true, 1, true), "ELECTRA `warmup_proportion`, HF `warmup_ratio`",
                    "Fraction of steps spent warming up."),
            e("finetune.batch_size", Range.atLeast(1), "ELECTRA `train_batch_size`", "Examples per step."),
            e("finetune.max_seq_length", Range.atLeast(3), "ELECTRA `max_seq_length`",
                    "Tokens per example; at most model.max_position_embeddings (SQuAD: `finetune --max-seq-length`)."),
            e("finetune.epochs", Range.described("task name → integer > 0, with a `default` entry"),
                    "ELECTRA `num_train_epochs`, HF `num_train_epochs`",
                    "Epochs per task; `finetune.epochs.rte` sets one task's."),
            e("finetune.max_train_examples", Range.atLeast(0), "HF `max_train_samples`",
                    "Train on the first N examples; 0 = all."),
            e("finetune.dropout", Range.between(0, true, 1, false), "HF `hidden_dropout_prob` and `attention_probs_dropout_prob`",
                    "Encoder dropout while fine-tuning."),
            e("finetune.padding", Range.oneOf(FinetuneSection.PAD_LONGEST, FinetuneSection.PAD_MAX_LENGTH),
                    "HF `padding` (DataCollatorWithPadding: longest)",
                    "Training batches padded to their longest row, or every row to max_seq_length (ELECTRA's way)."),
            e("finetune.group_by_length", Range.oneOf("true", "false"), "HF `group_by_length`",
                    "Batches of rows of similar length (mega-batches of 50 batches, each sorted longest first): less padding."));

    private ConfigReference() {}

    private static Entry e(String key, Range range, String upstream, String meaning) {
        return new Entry(key, range, upstream, meaning);
    }

    /** The run config's entries, in reference order. */
    public static List<Entry> runConfig() {
        return RUN;
    }

    /** Every run-config default by key, from {@link RunConfig#defaults()}, as it would be written in YAML. */
    public static Map<String, String> runConfigDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode tree = SNAKE.valueToTree(RunConfig.defaults());
        for (Entry e : RUN) {
            JsonNode n = tree.at("/" + e.key().replace('.', '/'));
            out.put(e.key(), n.isObject() && !e.key().equals("finetune.epochs") ? "" : render(e.key(), n));
        }
        return out;
    }

    private static String render(String key, JsonNode n) {
        if (key.equals("pretrain.max_predictions_per_seq")) {
            return "0 (derive: " + n.asText() + " at the defaults)";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            List<String> kv = new ArrayList<>();
            n.fields().forEachRemaining(f -> kv.add(f.getKey() + ": " + f.getValue().asText()));
            return "{" + String.join(", ", kv) + "}";
        }
        if (n.isDouble()) {
            return number(n.asDouble());
        }
        return n.asText();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.replace("E", "e");
    }

    /** Keys the reference documents, for the check that it names exactly the accepted keys. */
    public static Set<String> documentedKeys() {
        Set<String> keys = new TreeSet<>();
        RUN.forEach(e -> keys.add(e.key()));
        return keys;
    }

    /** A Markdown table of {@code entries} with {@code defaults}: key, default, accepted values, upstream name, meaning. */
    public static String table(List<Entry> entries, Map<String, String> defaults) {
        StringBuilder sb = new StringBuilder("| key | default | accepted | google-research/electra / HF name | meaning |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Entry e : entries) {
            String d = defaults.getOrDefault(e.key(), "");
            sb.append("| `").append(e.key()).append("` | ").append(d.isEmpty() ? "" : "`" + d + "`")
                    .append(" | ").append(e.range().render())
                    .append(" | ").append(e.upstream().isEmpty() ? "(ours)" : e.upstream())
                    .append(" | ").append(e.meaning().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
