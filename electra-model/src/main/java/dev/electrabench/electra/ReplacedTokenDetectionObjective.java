package dev.electrabench.electra;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.GeneratorSection;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.flops.FlopCounter;
import dev.electrabench.core.flops.MatmulFlops;
import dev.electrabench.core.flops.TransformerFlopsParams;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.ParamSpec;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.MaskingConfig;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.train.LossAndGradients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELECTRA's replaced-token detection, trained jointly with its generator in one graph
 * (google-research/electra {@code run_pretraining.py}): the generator's MLM predicts the masked tokens,
 * a token is sampled at each masked slot (Gumbel-max, temperature T, no gradient into the generator),
 * and the discriminator labels every real token as replaced (sample ≠ original) or original.
 * Loss = gen_weight · MLM + disc_weight · BCE over non-padding tokens (defaults 1 and 50).
 *
 * <p>The generator shares the discriminator's whole embeddings block; its own tensors live under
 * {@code generator.} in the graph and are saved as an HF {@code ElectraForMaskedLM} folder with copies
 * of the shared embeddings, as HF's released generators are.
 */
public final class ReplacedTokenDetectionObjective implements PretrainingObjective {
    public static final String DISCRIMINATOR = "discriminator";
    public static final String GENERATOR = "generator";
    /** Graph-name prefix of the generator's own tensors. */
    static final String GEN = "generator.";
    /** Placeholder for fixed discriminator inputs of the graph (the fixture's "generator samples"). */
    public static final String DISC_INPUT_IDS = PretrainingFeeds.DISC_INPUT_IDS;

    static final Heads.MlmNames GEN_HEAD = new Heads.MlmNames(
            GEN + "generator_predictions.dense", GEN + "generator_predictions.LayerNorm", GEN + "generator_lm_head.bias");

    /** How the graph makes the discriminator's input: sampled in-graph (training) or fed (deterministic tests). */
    public enum Sampling { GUMBEL, FIXED }

    private final TransformerConfig disc;
    private final TransformerConfig gen;
    private final MaskingConfig masking;
    private final int seqLength;
    private final double genWeight;
    private final double discWeight;
    private final double temperature;
    private final Parameters parameters = new Parameters();
    private Sampling sampling = Sampling.GUMBEL;


    public ReplacedTokenDetectionObjective(TransformerConfig discriminator, double generatorFraction, MaskingConfig masking,
                                           int seqLength, double genWeight, double discWeight, double temperature, long seed) {
        this(discriminator, new GeneratorSection(generatorFraction).generatorOf(discriminator), masking, seqLength, genWeight, discWeight,
                temperature, seed);
    }

    /** With an explicit generator config (e.g. a released generator whose FFN is not 4·H_g). */
    public ReplacedTokenDetectionObjective(TransformerConfig discriminator, TransformerConfig generator, MaskingConfig masking,
                                           int seqLength, double genWeight, double discWeight, double temperature, long seed) {
        this.disc = discriminator.copy();
        this.disc.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        this.disc.modelType = "electra";
        this.gen = generator.copy();
        this.gen.architectures = List.of(Architecture.ELECTRA_FOR_MASKED_LM.hfName());
        this.gen.modelType = "electra";
        this.masking = masking;
        this.seqLength = seqLength;
        this.genWeight = genWeight;
        this.discWeight = discWeight;
        this.temperature = temperature;
        DataType dtype = Nd4j.defaultFloatingPointType();
        Parameters d = Parameters.initialize(Architecture.ELECTRA_FOR_PRETRAINING.specs(disc), disc.initializerRange, seed, dtype);
        d.asMap().forEach(parameters::put);
        Parameters g = Parameters.initialize(generatorSpecs(), gen.initializerRange, seed + 1, dtype);
        g.asMap().forEach((n, a) -> parameters.put(GEN + n, a));
    }

    /** The generator's own tensors (HF names, without the shared embeddings). */
    private List<ParamSpec> generatorSpecs() {
        List<ParamSpec> own = new ArrayList<>();
        for (ParamSpec s : Architecture.ELECTRA_FOR_MASKED_LM.specs(gen)) {
            if (!s.name().startsWith("electra.embeddings.")) {
                own.add(s);
            }
        }
        return own;
    }

    public ReplacedTokenDetectionObjective withSampling(Sampling s) {
        this.sampling = s;
        return this;
    }

    public TransformerConfig discriminatorConfig() {
        return disc;
    }

    public TransformerConfig generatorConfig() {
        return gen;
    }

    @Override
    public String name() {
        return "electra";
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String buildTrainingGraph(SameDiff sd, int batchSize) {
        return build(sd, true, batchSize);
    }

    /**
     * {@link ReplacedTokenDetectionGraph}: {@code training} turns dropout on; {@code batchSize} > 0 fixes the
     * shapes (static shapes make dropout and Gumbel noise reproducible), 0 keeps them dynamic.
     */
    public String build(SameDiff sd, boolean training, int batchSize) {
        return new ReplacedTokenDetectionGraph(this).build(sd, training, batchSize);
    }

    /** {@link ReplacedTokenDetectionEngine} (CDF-inversion sampling, dropout on): same loss, gradients and metrics. */
    @Override
    public Optional<LossAndGradients<MaskedBatch>> engineStep() {
        return Optional.of(engine(true));
    }

    /** The eager step; {@code training} turns dropout on. */
    public ReplacedTokenDetectionEngine engine(boolean training) {
        return new ReplacedTokenDetectionEngine(disc, gen, parameters, GEN, GEN_HEAD, genWeight, discWeight, temperature,
                training);
    }

    @Override
    public List<String> metricNames() {
        // mlm_masked_accuracy, disc_auc, repr_spread: eager engine only (the SameDiff graph leaves the columns empty)
        return List.of("mlm_loss", "mlm_accuracy", "mlm_masked_accuracy", "disc_loss", "disc_accuracy", "disc_precision", "disc_recall",
                "replaced_fraction", "disc_auc", "repr_spread");
    }

    @Override
    public Map<String, INDArray> graphFeed(MaskedBatch batch) {
        return PretrainingFeeds.withOriginal(batch);
    }

    // ---- what the graph reads

    MaskingConfig maskingConfig() {
        return masking;
    }

    int seqLength() {
        return seqLength;
    }

    double genWeight() {
        return genWeight;
    }

    double discWeight() {
        return discWeight;
    }

    double temperature() {
        return temperature;
    }

    Sampling sampling() {
        return sampling;
    }

    @Override
    public MaskingConfig masking() {
        return masking;
    }

    @Override
    public double trainFlopsPerStep(int batchSize) {
        return FlopCounter.electraTrainFlops(TransformerFlopsParams.of(disc, seqLength), TransformerFlopsParams.of(gen, seqLength),
                batchSize, 1);
    }

    @Override
    public double matmulFlopsPerStep(int batchSize) {
        long slots = (long) batchSize * masking.maxPredictionsPerSeq();
        return MatmulFlops.encoder(batchSize, seqLength, disc.numHiddenLayers, disc.hiddenSize, disc.intermediateSize,
                        disc.embeddingSize())
                + MatmulFlops.discriminatorHead((long) batchSize * seqLength, disc.hiddenSize)
                + MatmulFlops.encoder(batchSize, seqLength, gen.numHiddenLayers, gen.hiddenSize, gen.intermediateSize,
                        gen.embeddingSize())
                + MatmulFlops.maskedLmHead(slots, gen.hiddenSize, gen.embeddingSize(), gen.vocabSize);
    }

    /** The discriminator as an HF ElectraForPreTraining model (arrays shared with training). */
    public TransformerModel discriminator() {
        Parameters d = new Parameters();
        for (ParamSpec s : Architecture.ELECTRA_FOR_PRETRAINING.specs(disc)) {
            d.put(s.name(), parameters.get(s.name()));
        }
        return new TransformerModel(disc, Architecture.ELECTRA_FOR_PRETRAINING, d);
    }

    /** The generator as an HF ElectraForMaskedLM model, with the shared embeddings (arrays shared). */
    public TransformerModel generator() {
        Parameters g = new Parameters();
        for (ParamSpec s : Architecture.ELECTRA_FOR_MASKED_LM.specs(gen)) {
            String graphName = s.name().startsWith("electra.embeddings.") ? s.name() : GEN + s.name();
            g.put(s.name(), parameters.get(graphName));
        }
        return new TransformerModel(gen, Architecture.ELECTRA_FOR_MASKED_LM, g);
    }

    @Override
    public void saveModels(Path dir, Vocab vocab) {
        HfCheckpoint.save(discriminator(), dir.resolve(DISCRIMINATOR), vocab);
        HfCheckpoint.save(generator(), dir.resolve(GENERATOR), vocab);
    }

    @Override
    public void loadModels(Path dir) {
        loadModels(dir.resolve(DISCRIMINATOR), dir.resolve(GENERATOR));
    }

    /** Loads a discriminator folder and a generator folder (their embeddings must be the shared block). */
    public void loadModels(Path discriminatorDir, Path generatorDir) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        HfCheckpoint.load(discriminatorDir).parameters().asMap().forEach(values::put);
        HfCheckpoint.load(generatorDir).parameters().asMap().forEach((n, a) -> {
            if (!n.startsWith("electra.embeddings.")) {
                values.put(GEN + n, a);
            }
        });
        parameters.assignFrom(values);
    }

    @Override
    public String fineTuneFolder() {
        return DISCRIMINATOR;
    }

}
