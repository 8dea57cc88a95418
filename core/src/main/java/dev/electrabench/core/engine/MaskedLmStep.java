package dev.electrabench.core.engine;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import dev.electrabench.core.train.LossAndGradients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One BERT-MLM training step, eager: the loss of {@code MaskedLmObjective}'s graph (encoder + MLM head at
 * the masked slots, weighted-mean cross-entropy) and the gradient of every parameter. Buffers are
 * allocated for the first feed's (batch, sequence, slots) and reused while those stay the same.
 */
public final class MaskedLmStep implements LossAndGradients {
    private final TransformerConfig config;
    private final ParameterTensors tensors;
    private final String backbone;
    private final Heads.MlmNames head;
    private final String wordEmbeddings;
    private final boolean training;
    private Buffers buffers;

    /**
     * @param backbone       state-dict prefix of the encoder ("bert" or "electra")
     * @param wordEmbeddings the tied decoder weight's name
     * @param training       dropout on (the config's rates) or off
     */
    public MaskedLmStep(TransformerConfig config, Parameters parameters, String backbone, Heads.MlmNames head,
                        String wordEmbeddings, boolean training) {
        this.config = config;
        this.tensors = new ParameterTensors(parameters);
        this.backbone = backbone;
        this.head = head;
        this.wordEmbeddings = wordEmbeddings;
        this.training = training;
    }

    /** Everything sized by the batch. */
    private final class Buffers {
        final int batch;
        final int seq;
        final int slotsPerRow;
        final EagerEncoder encoder;
        final MaskedLmHead mlm;
        final int[] ids;
        final int[] segments;
        final int[] mask;
        final int[] positions;
        final int[] targets;
        final float[] weights;

        Buffers(int batch, int seq, int slotsPerRow) {
            this.batch = batch;
            this.seq = seq;
            this.slotsPerRow = slotsPerRow;
            this.encoder = new EagerEncoder(tensors, config, backbone, backbone, batch, seq, 0, training);
            this.mlm = new MaskedLmHead(tensors, config, head, wordEmbeddings, batch * slotsPerRow);
            this.ids = new int[batch * seq];
            this.segments = new int[batch * seq];
            this.mask = new int[batch * seq];
            this.positions = new int[batch * slotsPerRow];
            this.targets = new int[batch * slotsPerRow];
            this.weights = new float[batch * slotsPerRow];
        }

        boolean fits(int b, int t, int p) {
            return batch == b && seq == t && slotsPerRow == p;
        }
    }

    /** Every parameter (the MLM model uses them all). */
    @Override
    public List<String> parameterNames() {
        return tensors.names();
    }

    @Override
    public Result compute(Map<String, INDArray> feed, long stepSeed) {
        INDArray inputIds = FeedReader.require(feed, PretrainingFeeds.INPUT_IDS);
        INDArray slots = FeedReader.require(feed, PretrainingFeeds.MASKED_POSITIONS);
        int b = (int) inputIds.size(0);
        int t = (int) inputIds.size(1);
        int p = (int) slots.size(1);
        if (buffers == null || !buffers.fits(b, t, p)) {
            buffers = new Buffers(b, t, p);
        }
        Buffers x = buffers;
        FeedReader.ints(feed, PretrainingFeeds.INPUT_IDS, x.ids);
        FeedReader.ints(feed, PretrainingFeeds.TOKEN_TYPE_IDS, x.segments);
        FeedReader.ints(feed, PretrainingFeeds.ATTENTION_MASK, x.mask);
        FeedReader.ints(feed, PretrainingFeeds.MASKED_POSITIONS, x.positions);
        FeedReader.ints(feed, PretrainingFeeds.MASKED_IDS, x.targets);
        FeedReader.floats(feed, PretrainingFeeds.MASKED_WEIGHTS, x.weights);
        for (int i = 0; i < x.positions.length; i++) {
            x.positions[i] += (i / p) * t; // row in the [B·T, H] hidden states
        }

        FloatTensor hidden = x.encoder.forward(x.ids, x.segments, x.mask, stepSeed);
        x.mlm.logits(hidden, x.positions);
        SoftmaxCrossEntropyKernel.Result mlm = x.mlm.crossEntropy(x.targets, x.weights, 1.0, null);
        // the word embeddings get the tied decoder's and the lookup's gradients: both add
        x.encoder.zeroEmbeddingGradients();
        x.mlm.backward(x.encoder.outputGradient());
        x.encoder.backward();

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mlm_loss", mlm.loss());
        metrics.put("mlm_accuracy", mlm.accuracy());
        return new Result(mlm.loss(), tensors.gradients(), metrics);
    }
}
