package dev.electrabench.core.config;

import static dev.electrabench.core.config.InvalidConfigValue.nonBlank;

import dev.electrabench.core.UserException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One experiment, as read from a YAML run config ({@code configs/*.yaml}): keys are snake_case,
 * every section and key is optional and defaults to google-research/electra's ELECTRA-Small
 * settings ({@link #defaults()}). {@link #load} reports every problem as a one-line
 * {@link UserException} naming the file, line and key.
 *
 * @param name    run name, used in output paths; defaults to the config file's name without extension
 * @param seed    master seed for data order, masking, initialisation and dropout
 * @param dataDir data directory, or null to use {@code --data-dir} / env / the default
 * @param vocab   WordPiece vocabulary, relative to the data directory
 * @param corpus  pre-training corpus, relative to the data directory
 */
public record RunConfig(
        String name,
        long seed,
        String dataDir,
        String vocab,
        String corpus,
        ModelSection model,
        GeneratorSection generator,
        PretrainSection pretrain,
        FinetuneSection finetune) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public RunConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidConfigValue("name",
                    "must be letters, digits, '.', '_' or '-' (it names output directories), got '" + name + "'");
        }
        if (dataDir != null && dataDir.isBlank()) {
            dataDir = null;
        }
        nonBlank("vocab", vocab);
        nonBlank("corpus", corpus);
        model = model != null ? model : ModelSection.electraSmall();
        generator = generator != null ? generator : GeneratorSection.electraSmall();
        pretrain = pretrain != null ? pretrain : PretrainSection.electraSmall();
        finetune = finetune != null ? finetune : FinetuneSection.electraDefaults();
        try {
            generator.checkFits(model);
        } catch (InvalidConfigValue e) {
            throw new InvalidConfigValue("generator." + e.key(), e.problem());
        }
        int positions = model.maxPositionEmbeddings();
        if (pretrain.maxSeqLength() > positions) {
            throw new InvalidConfigValue("pretrain.max_seq_length", "must be <= model.max_position_embeddings "
                    + positions + ", got " + pretrain.maxSeqLength());
        }
        if (finetune.maxSeqLength() > positions) {
            throw new InvalidConfigValue("finetune.max_seq_length", "must be <= model.max_position_embeddings "
                    + positions + ", got " + finetune.maxSeqLength());
        }
    }

    /** This config with another fine-tuning section (command-line overrides). */
    public RunConfig withFinetune(FinetuneSection f) {
        return new RunConfig(name, seed, dataDir, vocab, corpus, model, generator, pretrain, f);
    }

    /** ELECTRA-Small with google-research/electra's defaults, named "default". */
    public static RunConfig defaults() {
        return new RunConfig("default", 42, null, "vocab/bert-base-uncased-vocab.txt",
                "corpus/enwiki-wikiextractor", ModelSection.electraSmall(), GeneratorSection.electraSmall(),
                PretrainSection.electraSmall(), FinetuneSection.electraDefaults());
    }

    /**
     * Reads a YAML run config; keys not in the file take their {@link #defaults()} value (and
     * {@code name} the file name without extension).
     *
     * @throws UserException "file:line: problem" for a missing or unreadable file, malformed YAML,
     *                       an unknown or duplicate key, a value of the wrong type or out of range
     */
    public static RunConfig load(Path file) {
        return RunConfigYaml.load(file, List.of());
    }

    /**
     * {@link #load} with {@code --set key=value} overrides laid over the file, or over the {@link #defaults()}
     * when {@code file} is null. An override of a key no run config has is refused with the closest keys.
     *
     * @throws UserException "file:line: problem" or "--set key=value: problem"
     */
    public static RunConfig load(Path file, List<ConfigOverride> overrides) {
        return RunConfigYaml.load(file, overrides);
    }

    /** Every key a run config accepts (dotted paths, sections included); {@code finetune.epochs} takes any task. */
    public static ConfigKeys keys() {
        return RunConfigYaml.KEYS;
    }

    public Path vocabPath(Path resolvedDataDir) {
        return resolvedDataDir.resolve(vocab);
    }

    public Path corpusPath(Path resolvedDataDir) {
        return resolvedDataDir.resolve(corpus);
    }

    /** Compact JSON with sorted keys and every default filled in: what {@link #sha256()} hashes. */
    public String canonicalJson() {
        return RunConfigYaml.canonicalJson(this);
    }

    /** The effective config as YAML (snake_case, defaults filled in), e.g. to store next to a run's outputs. */
    public String toYaml() {
        return RunConfigYaml.toYaml(this);
    }

    /** Hex SHA-256 of {@link #canonicalJson()}: the same settings give the same hash however the file is written. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
