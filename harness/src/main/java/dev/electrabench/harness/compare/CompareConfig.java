package dev.electrabench.harness.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.io.TextFiles;
import dev.electrabench.harness.slurm.SlurmSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A matched-compute comparison: which models to pre-train to the same FLOP budget (paper convention),
 * at which fractions of it to fine-tune, on which tasks, with which seeds.
 *
 * @param run        the run config (model sizes, pretrain and finetune sections), relative to this file
 * @param budgetFlops pre-training budget per model, ELECTRA paper convention
 * @param models     any of electra, bert, none ("none" = the no-pre-training control)
 * @param fractions  checkpoint fractions of the budget in (0, 1]
 * @param tasks      task names of the TaskRegistry
 * @param seeds      fine-tuning seeds (≥ 3 for a spread)
 * @param dataDir    optional data directory
 * @param maxEvalExamples score on the first N dev examples only (0 = the whole dev set), for quick runs
 * @param slurm      where and how {@code compare --executor slurm} runs the jobs (optional; results do not
 *                   depend on it, so it is not part of the config's hash)
 */
public record CompareConfig(String name, String run, double budgetFlops, List<String> models, List<Double> fractions,
                            List<String> tasks, List<Long> seeds, String dataDir, int maxEvalExamples,
                            SlurmSettings slurm) {
    static final Set<String> MODELS = Set.of("electra", "bert", "none");

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static CompareConfig load(Path file) {
        CompareConfig c;
        try {
            c = YAML.readValue(TextFiles.readUtf8(file, "config file"), CompareConfig.class);
        } catch (UnrecognizedPropertyException e) {
            if (e.getReferringClass() == SlurmSettings.class || e.getReferringClass() == SlurmSettings.Resources.class) {
                String key = e.getPath().stream().map(r -> r.getFieldName()).filter(n -> n != null)
                        .collect(java.util.stream.Collectors.joining("."));
                throw new UserException(file + ":" + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr()) + ": unknown key '"
                        + key + "'; expected one of " + SlurmSettings.KEYS);
            }
            throw new UserException(file + ":" + e.getLocation().getLineNr() + ": unknown key '" + e.getPropertyName()
                    + "'; expected one of name, run, budget_flops, models, fractions, tasks, seeds, data_dir, max_eval_examples, slurm");
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new UserException(file + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw UserException.in(file, "cannot read: " + e.getMessage());
        }
        if (c == null) {
            throw UserException.in(file, "empty config");
        }
        c.validate(file);
        return c;
    }

    /**
     * The line of the first {@code key:} after the {@code slurm:} line: a record's unknown key is reported at the
     * end of its object (Jackson buffers a creator's properties), not where it is.
     */
    private static int lineOf(Path file, String key, int fallback) {
        List<String> lines = TextFiles.readUtf8(file, "config file").lines().toList();
        java.util.regex.Pattern at = java.util.regex.Pattern.compile("(^|[\\s{,])" + java.util.regex.Pattern.quote(key) + "\\s*:");
        boolean inSlurm = false;
        for (int i = 0; i < lines.size(); i++) {
            inSlurm |= lines.get(i).startsWith("slurm:");
            if (inSlurm && at.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return fallback;
    }

    void validate(Path file) {
        require(file, run != null && !run.isBlank(), "run: required (the run config, e.g. tiny.yaml)");
        require(file, budgetFlops > 0, "budget_flops: must be > 0");
        require(file, models != null && !models.isEmpty(), "models: required");
        for (String m : models) {
            require(file, MODELS.contains(m), "models: unknown model '" + m + "' (electra, bert, none)");
        }
        require(file, fractions != null && !fractions.isEmpty(), "fractions: required");
        for (double f : fractions) {
            require(file, f > 0 && f <= 1, "fractions: " + f + " is not in (0, 1]");
        }
        require(file, tasks != null && !tasks.isEmpty(), "tasks: required");
        require(file, seeds != null && !seeds.isEmpty(), "seeds: required");
        require(file, maxEvalExamples >= 0, "max_eval_examples: must be >= 0");
        slurmSettings().validate(file);
    }

    private static void require(Path file, boolean ok, String problem) {
        if (!ok) {
            throw UserException.in(file, problem);
        }
    }

    /** The {@code slurm:} section, or every default when there is none. */
    public SlurmSettings slurmSettings() {
        return slurm == null ? SlurmSettings.DEFAULTS : slurm;
    }

    /** The run config, resolved next to this file. */
    public RunConfig runConfig(Path compareFile) {
        Path base = compareFile.toAbsolutePath().getParent();
        return RunConfig.load(base.resolve(run));
    }
}
