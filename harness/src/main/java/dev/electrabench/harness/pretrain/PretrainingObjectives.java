package dev.electrabench.harness.pretrain;

import dev.electrabench.bert.MaskedLmObjective;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.electra.ReplacedTokenDetectionObjective;
import java.util.List;
import java.util.Locale;

/**
 * The pre-training objectives by name: the one place that knows both model modules, used by {@code pretrain},
 * {@code compare} and {@code bench}.
 */
public final class PretrainingObjectives {
    /** The names {@link #of} accepts. */
    public static final List<String> NAMES = List.of("electra", "bert");

    private PretrainingObjectives() {}

    /** The objective a config and model name describe, initialised from {@code seed}. */
    public static PretrainingObjective of(RunConfig cfg, String model, long seed) {
        var p = cfg.pretrain();
        switch (model.toLowerCase(Locale.ROOT)) {
            case "electra": {
                TransformerConfig disc = TransformerConfig.of(cfg.model(), Architecture.ELECTRA_FOR_PRETRAINING.hfName());
                return new ReplacedTokenDetectionObjective(disc, cfg.generator().hiddenFraction(),
                        PretrainingSetup.masking(cfg, true), p.maxSeqLength(), p.genWeight(), p.discWeight(), p.temperature(), seed);
            }
            case "bert": {
                TransformerConfig enc = TransformerConfig.of(cfg.model(), Architecture.BERT_FOR_MASKED_LM.hfName());
                return new MaskedLmObjective(enc, PretrainingSetup.masking(cfg, false), p.maxSeqLength(), seed);
            }
            default:
                throw new UserException("--model must be electra or bert, got '" + model + "'");
        }
    }
}
