package dev.electrabench.electra;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import java.util.List;

/**
 * ELECTRA's generator size ({@code run_pretraining.get_generator_config}): hidden = round(fraction · H),
 * heads = max(1, H_g/64), FFN = 4·H_g, the discriminator's layers and embedding size (embeddings are shared).
 */
public final class GeneratorConfig {
    private GeneratorConfig() {}

    public static TransformerConfig of(TransformerConfig discriminator, double hiddenFraction) {
        TransformerConfig g = discriminator.copy();
        int hidden = Math.max(1, (int) Math.round(discriminator.hiddenSize * hiddenFraction));
        g.hiddenSize = hidden;
        g.numAttentionHeads = Math.max(1, hidden / 64);
        g.intermediateSize = 4 * hidden;
        g.embeddingSize = discriminator.embeddingSize();
        g.architectures = List.of(Architecture.ELECTRA_FOR_MASKED_LM.hfName());
        g.modelType = "electra";
        return g;
    }
}
