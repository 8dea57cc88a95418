package dev.electrabench.electra;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.engine.FloatTensor;
import dev.electrabench.core.engine.MaskedBatchInputs;
import dev.electrabench.core.engine.MaskedLmHeadEngine;
import dev.electrabench.core.engine.ParameterTensors;
import dev.electrabench.core.engine.RepresentationSpread;
import dev.electrabench.core.engine.SoftmaxCrossEntropyKernel;
import dev.electrabench.core.engine.TransformerEncoderEngine;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.train.LossAndGradients;
import dev.electrabench.core.train.TrainingStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ELECTRA training step, eager ({@code ReplacedTokenDetectionObjective}'s joint graph): generator MLM at
 * the masked slots → a token sampled per real slot from softmax(logits/T) (no gradient flows through the
 * sample) → discriminator on the corrupted ids, labels = (id ≠ original), BCE over real tokens →
 * loss = genWeight·MLM + discWeight·BCE. Both towers share the embeddings block under "electra.embeddings.";
 * the generator's own tensors carry a prefix.
 */
public final class ReplacedTokenDetectionEngine implements LossAndGradients<MaskedBatch> {
    /** Dropout sites of the discriminator tower start here; the generator's at 0. */
    private static final long DISCRIMINATOR_SITES = 1L << 20;
    private static final long SAMPLING_SITE = 1L << 40;
    private static final String EMBEDDINGS = "electra";

    private final TransformerConfig discriminator;
    private final TransformerConfig generator;
    private final String generatorPrefix;
    private final Heads.MlmNames generatorHead;
    private final double genWeight;
    private final double discWeight;
    private final double temperature;
    private final boolean training;
    private final ParameterTensors tensors;
    private Buffers buffers;

    /**
     * @param generatorPrefix prefix of the generator's own tensors in {@code parameters} (e.g. "generator.")
     * @param generatorHead   the generator's MLM head names (with the prefix)
     * @param training        dropout on (the configs' rates) or off
     */
    public ReplacedTokenDetectionEngine(TransformerConfig discriminator, TransformerConfig generator, Parameters parameters,
                                      String generatorPrefix, Heads.MlmNames generatorHead, double genWeight,
                                      double discWeight, double temperature, boolean training) {
        this.discriminator = discriminator;
        this.generator = generator;
        this.generatorPrefix = generatorPrefix;
        this.generatorHead = generatorHead;
        this.genWeight = genWeight;
        this.discWeight = discWeight;
        this.temperature = temperature;
        this.training = training;
        this.tensors = new ParameterTensors(parameters);
    }

    /** What is sized by the batch. */
    private final class Buffers {
        final MaskedBatchInputs in;
        final TransformerEncoderEngine genEncoder;
        final MaskedLmHeadEngine mlm;
        final TransformerEncoderEngine discEncoder;
        final DiscriminatorHeadEngine head;
        final int[] original;
        final int[] corrupted;
        final boolean[] realSlots;
        final int[] samples;
        final float[] labels;
        final float[] realTokens;

        Buffers(MaskedBatchInputs in) {
            this.in = in;
            int n = in.batch * in.seq;
            int m = in.batch * in.slotsPerRow;
            this.genEncoder = new TransformerEncoderEngine(tensors, generator, EMBEDDINGS, generatorPrefix + EMBEDDINGS, in.batch, in.seq, 0,
                    training);
            this.mlm = new MaskedLmHeadEngine(tensors, generator, generatorHead, EMBEDDINGS + ".embeddings.word_embeddings.weight", m);
            this.discEncoder = new TransformerEncoderEngine(tensors, discriminator, EMBEDDINGS, EMBEDDINGS, in.batch, in.seq,
                    DISCRIMINATOR_SITES, training);
            this.head = new DiscriminatorHeadEngine(tensors, discriminator, n);
            this.original = new int[n];
            this.corrupted = new int[n];
            this.realSlots = new boolean[m];
            this.samples = new int[m];
            this.labels = new float[n];
            this.realTokens = new float[n];
        }
    }

    /**
     * A diverged generator (NaN/Inf logits) has no distribution to sample from: the sampler then finds no
     * class (-1), which must stop the step as divergence before it reaches the discriminator's embeddings.
     */
    static void requireSamples(int[] samples, boolean[] realSlots, double generatorLoss) {
        for (int i = 0; i < samples.length; i++) {
            if (realSlots[i] && samples[i] < 0) {
                throw new TrainingStep.NonFiniteException("generator probabilities are not finite (generator loss "
                        + generatorLoss + "), no token to sample");
            }
        }
        if (!Double.isFinite(generatorLoss)) {
            throw new TrainingStep.NonFiniteException("generator loss is " + generatorLoss);
        }
    }

    @Override
    public List<String> parameterNames() {
        return tensors.names();
    }

    @Override
    public Result compute(MaskedBatch batch, long stepSeed) {
        return compute(batch, null, stepSeed);
    }

    /**
     * The step with the discriminator's input given ({@code replacedIds} [B][T], e.g. a fixture's generator
     * samples) instead of sampled; null samples as {@link #compute(MaskedBatch, long)} does.
     */
    public Result compute(MaskedBatch batch, int[][] replacedIds, long stepSeed) {
        boolean fixedSamples = replacedIds != null;
        MaskedBatchInputs in = MaskedBatchInputs.shapedFor(batch, buffers == null ? null : buffers.in);
        if (buffers == null || buffers.in != in) {
            buffers = new Buffers(in);
        }
        Buffers x = buffers;
        in.read(batch);
        MaskedBatchInputs.flatten(batch.originalIds(), in.seq, x.original);
        for (int i = 0; i < in.weights.length; i++) {
            x.realSlots[i] = in.weights[i] != 0f;
        }

        // generator: logits at the slots, the samples, its loss (which overwrites the logits)
        FloatTensor genHidden = x.genEncoder.forward(in.ids, in.segments, in.mask, stepSeed);
        FloatTensor logits = x.mlm.logits(genHidden, in.slotRows);
        CategoricalSampler.Draw draw = fixedSamples ? null : new CategoricalSampler.Draw(x.realSlots, stepSeed, SAMPLING_SITE,
                x.samples);
        boolean drawInLoss = draw != null && temperature == 1.0; // the loss pass's exps are the sampling weights
        if (draw != null && !drawInLoss) {
            CategoricalSampler.sample(logits, x.mlm.outputBias(), in.slotRows.length, generator.vocabSize, temperature, draw);
        }
        SoftmaxCrossEntropyKernel.Result mlm = x.mlm.crossEntropy(in.targets, in.weights, genWeight, drawInLoss ? draw : null);
        if (!fixedSamples) {
            requireSamples(x.samples, x.realSlots, mlm.loss());
        }
        if (fixedSamples) {
            MaskedBatchInputs.flatten(replacedIds, in.seq, x.corrupted);
        } else {
            System.arraycopy(x.original, 0, x.corrupted, 0, x.original.length);
            for (int i = 0; i < in.slotRows.length; i++) {
                if (x.realSlots[i]) {
                    x.corrupted[in.slotRows[i]] = x.samples[i];
                }
            }
        }

        // discriminator: a sample equal to the original counts as original (label 0), as ELECTRA does
        for (int i = 0; i < x.labels.length; i++) {
            x.labels[i] = x.corrupted[i] != x.original[i] ? 1f : 0f;
            x.realTokens[i] = in.mask[i];
        }
        FloatTensor discHidden = x.discEncoder.forward(x.corrupted, in.segments, in.mask, stepSeed);
        BinaryCrossEntropyKernel.Result disc = x.head.forward(discHidden, x.labels, x.realTokens, discWeight);
        double spread = RepresentationSpread.meanPairwiseDistance(discHidden, in.mask, in.batch, in.seq, discriminator.hiddenSize);

        // backward: both towers and the tied decoder add into the shared embeddings' gradients
        x.discEncoder.zeroEmbeddingGradients();
        x.head.backward(x.discEncoder.outputGradient());
        x.discEncoder.backward();
        x.mlm.backward(x.genEncoder.outputGradient());
        x.genEncoder.backward();

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mlm_loss", mlm.loss());
        metrics.put("mlm_accuracy", mlm.accuracy());
        metrics.put("mlm_masked_accuracy", x.mlm.hiddenTokenAccuracy(in.ids, in.targets, in.weights));
        metrics.put("disc_loss", disc.loss());
        metrics.put("disc_accuracy", disc.accuracy());
        metrics.put("disc_precision", disc.precision());
        metrics.put("disc_recall", disc.recall());
        metrics.put("replaced_fraction", disc.replacedFraction());
        metrics.put("disc_auc", disc.auc());
        metrics.put("repr_spread", spread);
        return new Result(genWeight * mlm.loss() + discWeight * disc.loss(), tensors.gradients(), metrics);
    }
}
