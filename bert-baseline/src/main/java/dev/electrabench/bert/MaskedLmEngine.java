package dev.electrabench.bert;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One BERT-MLM training step on the eager engine: the loss of {@link MaskedLmGraph} (encoder + MLM head at
 * the masked slots, weighted-mean cross-entropy) and the gradient of every parameter. Buffers are
 * allocated for the first batch's (batch, sequence, slots) and reused while those stay the same.
 */
public final class MaskedLmEngine implements LossAndGradients<MaskedBatch> {
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
    public MaskedLmEngine(TransformerConfig config, Parameters parameters, String backbone, Heads.MlmNames head,
                        String wordEmbeddings, boolean training) {
        this.config = config;
        this.tensors = new ParameterTensors(parameters);
        this.backbone = backbone;
        this.head = head;
        this.wordEmbeddings = wordEmbeddings;
        this.training = training;
    }

    /** What is sized by the batch. */
    private record Buffers(MaskedBatchInputs inputs, TransformerEncoderEngine encoder, MaskedLmHeadEngine mlm) {}

    /** Every parameter (the MLM model uses them all). */
    @Override
    public List<String> parameterNames() {
        return tensors.names();
    }

    @Override
    public Result compute(MaskedBatch batch, long stepSeed) {
        MaskedBatchInputs in = MaskedBatchInputs.shapedFor(batch, buffers == null ? null : buffers.inputs());
        if (buffers == null || buffers.inputs() != in) {
            buffers = new Buffers(in, new TransformerEncoderEngine(tensors, config, backbone, backbone, in.batch, in.seq, 0, training),
                    new MaskedLmHeadEngine(tensors, config, head, wordEmbeddings, in.batch * in.slotsPerRow));
        }
        Buffers x = buffers;
        in.read(batch);

        FloatTensor hidden = x.encoder().forward(in.ids, in.segments, in.mask, stepSeed);
        double spread = RepresentationSpread.meanPairwiseDistance(hidden, in.mask, in.batch, in.seq, config.hiddenSize);
        x.mlm().logits(hidden, in.slotRows);
        SoftmaxCrossEntropyKernel.Result mlm = x.mlm().crossEntropy(in.targets, in.weights, 1.0, null);
        // the word embeddings get the tied decoder's and the lookup's gradients: both add
        x.encoder().zeroEmbeddingGradients();
        x.mlm().backward(x.encoder().outputGradient());
        x.encoder().backward();

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mlm_loss", mlm.loss());
        metrics.put("mlm_accuracy", mlm.accuracy());
        metrics.put("mlm_masked_accuracy", x.mlm().hiddenTokenAccuracy(in.ids, in.targets, in.weights));
        metrics.put("repr_spread", spread);
        return new Result(mlm.loss(), tensors.gradients(), metrics);
    }
}
