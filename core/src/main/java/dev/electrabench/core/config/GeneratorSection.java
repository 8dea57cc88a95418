package dev.electrabench.core.config;

/**
 * The ELECTRA generator as a fraction of the discriminator ({@code run_pretraining.get_generator_config}):
 * hidden = round(fraction · hidden) (Python's round: half to even), heads = max(1, hidden / 64),
 * FFN = 4 · hidden, same number of layers. The generator shares the discriminator's embeddings. The one
 * place this sizing is written: the objective, {@code flops --config} and FLOP counting all use {@link #generatorOf}.
 *
 * @param hiddenFraction ELECTRA's {@code generator_hidden_size} (0.25 for Small)
 */
public record GeneratorSection(double hiddenFraction) {

    public GeneratorSection {
        if (!(hiddenFraction > 0 && hiddenFraction <= 1)) {
            throw new InvalidConfigValue("hidden_fraction", "must be in (0, 1], got " + hiddenFraction);
        }
    }

    public static GeneratorSection electraSmall() {
        return new GeneratorSection(0.25);
    }

    public int hiddenSize(ModelSection discriminator) {
        return hiddenSize(discriminator.hiddenSize());
    }

    public int numAttentionHeads(ModelSection discriminator) {
        return heads(hiddenSize(discriminator));
    }

    private int hiddenSize(int discriminatorHidden) {
        return (int) Math.rint(hiddenFraction * discriminatorHidden);
    }

    private static int heads(int hidden) {
        return Math.max(1, hidden / 64);
    }

    /**
     * The generator's shape for {@code discriminator}: this section's
     * hidden size, heads and FFN; the discriminator's layers, vocabulary and embedding size (shared).
     */
    public TransformerConfig generatorOf(TransformerConfig discriminator) {
        TransformerConfig g = discriminator.copy();
        g.hiddenSize = Math.max(1, hiddenSize(discriminator.hiddenSize));
        g.numAttentionHeads = heads(g.hiddenSize);
        g.intermediateSize = 4 * g.hiddenSize;
        g.embeddingSize = discriminator.embeddingSize();
        return g;
    }

    /** Throws if this fraction gives no usable generator for {@code discriminator}. */
    void checkFits(ModelSection discriminator) {
        int hidden = hiddenSize(discriminator);
        if (hidden < 1) {
            throw new InvalidConfigValue("hidden_fraction",
                    hiddenFraction + " of hidden_size " + discriminator.hiddenSize() + " leaves no generator");
        }
        int heads = numAttentionHeads(discriminator);
        if (hidden % heads != 0) {
            throw new InvalidConfigValue("hidden_fraction", "generator hidden size " + hidden
                    + " is not divisible by its " + heads + " attention heads (hidden / 64)");
        }
    }
}
