package dev.electrabench.core.flops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pre-training run from the ELECTRA paper, sized as in the {@code MODEL_FLOPS} table of
 * {@code flops_computation.py}. BERT-style presets train one network with the MLM/LM head;
 * ELECTRA presets train a discriminator plus a {@code generator} (tied embeddings). Other runs
 * (e.g. from a run config) can be described with the constructor and are counted the same way.
 *
 * @param network   the BERT model, or ELECTRA's discriminator
 * @param generator ELECTRA's generator, null for single-network presets
 */
public record FlopsPreset(String name, String description, TransformerFlopsParams network,
        TransformerFlopsParams generator, long batchSize, long steps) {

    // The script's TransformerHparams defaults: s = 512, v = 30522 (BERT uncased WordPiece).
    private static final int S = 512;
    private static final int V = 30522;

    public static final List<FlopsPreset> ALL = List.of(
            bert("bert-small", "BERT-Small: 256H 12L e128, s128, bs128, 1.45M steps (paper 1.4e18)",
                    TransformerFlopsParams.of(256, 12, 128, V, 128), 128, 1_450_000),
            electra("electra-small", "ELECTRA-Small: disc 256H 12L, gen 64H 12L, e128, s128, bs128, 1M steps",
                    TransformerFlopsParams.of(256, 12, 128, V, 128), 64, 12, 128, 1_000_000),
            bert("bert-base", "BERT-Base: 768H 12L, s512, bs256, 1M steps",
                    TransformerFlopsParams.of(768, 12, S, V), 256, 1_000_000),
            electra("electra-base", "ELECTRA-Base: disc 768H 12L, gen 256H 12L, s512, bs256, 766k steps",
                    TransformerFlopsParams.of(768, 12, S, V), 256, 12, 256, 766_000),
            bert("bert-large", "BERT-Large: 1024H 24L, s512, bs256, 1M steps",
                    TransformerFlopsParams.of(1024, 24, S, V), 256, 1_000_000),
            electra("electra-400k", "ELECTRA-Large 400k: disc 1024H 24L, gen 256H 24L, s512, bs2048, 400k steps",
                    TransformerFlopsParams.of(1024, 24, S, V), 256, 24, 2048, 400_000),
            electra("electra-1.75m", "ELECTRA-Large 1.75M: disc 1024H 24L, gen 256H 24L, s512, bs2048, 1.75M steps",
                    TransformerFlopsParams.of(1024, 24, S, V), 256, 24, 2048, 1_750_000),
            bert("gpt", "GPT: 768H 12L, v40000, s512, LM output on every position, bs128, 960.8k steps",
                    TransformerFlopsParams.of(768, 12, S, 40_000).withOutputFrac(1.0), 128, 960_800),
            bert("roberta", "RoBERTa-500k: 1024H 24L, v50265, s512, bs8000, 500k steps",
                    TransformerFlopsParams.of(1024, 24, S, 50_265), 8000, 500_000));

    public FlopsPreset {
        Objects.requireNonNull(network, "network");
        if (batchSize <= 0 || steps <= 0) {
            throw new IllegalArgumentException("batch size and steps must be positive, got " + batchSize + ", " + steps);
        }
    }

    public static Optional<FlopsPreset> find(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(FlopsPreset::name).toList();
    }

    public boolean isElectra() {
        return generator != null;
    }

    /** Training FLOPs of one optimizer step (the whole batch, generator included). */
    public double flopsPerStep(BackwardConvention convention) {
        return trainFlops(1, convention);
    }

    public double flopsPerStep() {
        return flopsPerStep(BackwardConvention.BACKWARD_EQUALS_FORWARD);
    }

    /** Paper-convention total training FLOPs. */
    public double trainFlops() {
        return trainFlops(BackwardConvention.BACKWARD_EQUALS_FORWARD);
    }

    public double trainFlops(BackwardConvention convention) {
        return trainFlops(steps, convention);
    }

    /** Inference FLOPs of one example (the BERT model or the discriminator, binary head) at the preset's s. */
    public double inferFlops() {
        return FlopCounter.inferFlops(network);
    }

    private double trainFlops(long stepCount, BackwardConvention convention) {
        return isElectra()
                ? FlopCounter.electraTrainFlops(network, generator, batchSize, stepCount, convention)
                : FlopCounter.trainFlops(network, batchSize, stepCount, false, convention);
    }

    private static FlopsPreset bert(String name, String description, TransformerFlopsParams p, long batch, long steps) {
        return new FlopsPreset(name, description, p, null, batch, steps);
    }

    private static FlopsPreset electra(String name, String description, TransformerFlopsParams disc, int genHidden,
            int genLayers, long batch, long steps) {
        return new FlopsPreset(name, description, disc, FlopCounter.electraGenerator(disc, genHidden, genLayers, true), batch, steps);
    }
}
