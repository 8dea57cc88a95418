package dev.electrabench.electra;

import static dev.electrabench.electra.ReplacedTokenDetectionObjective.GEN;
import static dev.electrabench.electra.ReplacedTokenDetectionObjective.GEN_HEAD;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.GraphOps;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.Losses;
import dev.electrabench.core.model.MaskedLmHeadGraph;
import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import dev.electrabench.electra.ReplacedTokenDetectionObjective.Sampling;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELECTRA's joint training step as one SameDiff graph (the reference {@link ReplacedTokenDetectionEngine} is
 * tested against, and the path on ND4J's CUDA backend): the generator's MLM at the masked slots, a token
 * sampled per slot by Gumbel-max from softmax(logits/T) behind a stop-gradient, the discriminator's BCE over
 * real tokens; loss = gen_weight · MLM + disc_weight · BCE. Also names google-research/electra's metrics.
 */
final class ReplacedTokenDetectionGraph {
    private final ReplacedTokenDetectionObjective o;
    private final TransformerConfig disc;
    private final TransformerConfig gen;

    ReplacedTokenDetectionGraph(ReplacedTokenDetectionObjective objective) {
        this.o = objective;
        this.disc = objective.discriminatorConfig();
        this.gen = objective.generatorConfig();
    }

    /** Adds the graph to {@code sd}; returns the loss variable's name. */
    String build(SameDiff sd, boolean training, int batchSize) {
        int b = batchSize;
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd, b, b > 0 ? o.seqLength() : 0);
        SDVariable original = sd.placeHolder(PretrainingFeeds.ORIGINAL_IDS, DataType.INT, -1, -1);
        SDVariable positions = sd.placeHolder(PretrainingFeeds.MASKED_POSITIONS, DataType.INT, -1, -1);
        SDVariable maskedIds = sd.placeHolder(PretrainingFeeds.MASKED_IDS, DataType.INT, -1, -1);
        SDVariable weights = sd.placeHolder(PretrainingFeeds.MASKED_WEIGHTS, DataType.FLOAT, -1, -1);
        DataType f = Nd4j.defaultFloatingPointType();

        // generator: MLM on the masked input, evaluated at the masked slots only
        TransformerEncoderGraph.Outputs genEnc = TransformerEncoderGraph.build(sd, o.parameters(), gen, "electra", GEN + "electra", in, training);
        MaskedLmHeadGraph.Outputs mlm = MaskedLmHeadGraph.build(sd, o.parameters(), gen, GEN_HEAD,
                "electra.embeddings.word_embeddings.weight", genEnc.last(), in.inputIds(), positions, maskedIds, weights);

        SDVariable discIds;
        if (o.sampling() == Sampling.FIXED) {
            discIds = sd.placeHolder(PretrainingFeeds.DISC_INPUT_IDS, DataType.INT, -1, -1);
        } else {
            // Gumbel-max sampling from softmax(logits / T); stop_gradient: nothing flows back into the generator
            SDVariable logits = new StopGradient(sd, mlm.logits()).outputVariable().div(o.temperature());
            SDVariable u = GraphOps.uniform(sd, logits, in.shape((long) b * o.maskingConfig().maxPredictionsPerSeq(), disc.vocabSize));
            SDVariable gumbel = sd.math().log(sd.math().log(u.add(1e-9)).neg().add(1e-9)).neg();
            SDVariable sampled = sd.argmax(logits.add(gumbel), 1).castTo(f);
            // write the samples into the clean ids at the real masked slots (padding slots have weight 0)
            SDVariable flatPos = MaskedLmHeadGraph.flatPositions(sd, positions, in.inputIds());
            SDVariable w = sd.reshape(weights, -1).castTo(f);
            SDVariable delta = sampled.sub(sd.reshape(maskedIds, -1).castTo(f)).mul(w);
            SDVariable flatOriginal = sd.reshape(original, -1).castTo(f);
            SDVariable replaced = flatOriginal.add(sd.scatterAdd(sd.zerosLike(flatOriginal), flatPos, delta));
            discIds = sd.reshape(replaced.castTo(DataType.INT), sd.shape(original));
        }
        // a sample equal to the original counts as original (label 0), as ELECTRA does
        SDVariable labels = sd.reshape(sd.neq(discIds, original).castTo(f), -1);

        TransformerEncoderGraph.Inputs discIn = in.withIds(discIds);
        TransformerEncoderGraph.Outputs discEnc = TransformerEncoderGraph.build(sd, o.parameters(), disc, "electra", "electra", discIn, training);
        SDVariable logits = Heads.discriminator(sd, o.parameters(), discEnc.last());
        SDVariable real = sd.reshape(in.attentionMask(), -1).castTo(f);
        SDVariable bce = Losses.weightedMean(Losses.binaryCrossEntropyPerRow(sd, logits, labels), real);
        SDVariable loss = mlm.loss().mul(o.genWeight()).add(bce.mul(o.discWeight()));

        // metrics (google-research/electra's eval metrics, on the training batch)
        mlm.loss().add(0.0).rename("mlm_loss");
        mlm.accuracy().rename("mlm_accuracy");
        bce.add(0.0).rename("disc_loss");
        logits.add(0.0).rename("disc_logits"); // per token, for tests (the engine's disc_auc)
        labels.add(0.0).rename("disc_labels");
        SDVariable predicted = sd.gt(logits, sd.constant(0.0).castTo(f)).castTo(f);
        SDVariable agree = predicted.mul(labels).add(predicted.rsub(1.0).mul(labels.rsub(1.0)));
        Losses.weightedMean(agree, real).rename("disc_accuracy");
        SDVariable truePos = predicted.mul(labels).mul(real).sum();
        truePos.div(predicted.mul(real).sum().add(Losses.EPS)).rename("disc_precision");
        truePos.div(labels.mul(real).sum().add(Losses.EPS)).rename("disc_recall");
        labels.mul(real).sum().div(real.sum().add(Losses.EPS)).rename("replaced_fraction");
        loss.rename("loss");
        return "loss";
    }
}
