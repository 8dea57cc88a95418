package dev.electrabench.bert;

import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.MaskedLmHeadGraph;
import dev.electrabench.core.model.TransformerEncoderGraph;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.PretrainingFeeds;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT's MLM training step as a SameDiff graph (the reference {@link MaskedLmEngine} is tested against, and
 * the path on ND4J's CUDA backend): encoder → MLM head at the masked slots → weighted-mean cross-entropy.
 */
public final class MaskedLmGraph {
    private MaskedLmGraph() {}

    /**
     * Adds the graph to {@code sd} and returns the loss variable's name; {@code training} turns dropout on;
     * {@code batchSize} 0 keeps shapes dynamic.
     */
    public static String build(SameDiff sd, TransformerModel model, Heads.MlmNames head, int seqLength, boolean training,
                               int batchSize) {
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd, batchSize, batchSize > 0 ? seqLength : 0);
        SDVariable positions = sd.placeHolder(PretrainingFeeds.MASKED_POSITIONS, DataType.INT, -1, -1);
        SDVariable ids = sd.placeHolder(PretrainingFeeds.MASKED_IDS, DataType.INT, -1, -1);
        SDVariable weights = sd.placeHolder(PretrainingFeeds.MASKED_WEIGHTS, DataType.FLOAT, -1, -1);
        String bb = model.architecture().backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, model.parameters(), model.config(), bb, bb, in,
                training);
        MaskedLmHeadGraph.Outputs mlm = MaskedLmHeadGraph.build(sd, model.parameters(), model.config(), head,
                model.architecture().wordEmbeddings(), enc.last(), in.inputIds(), positions, ids, weights);
        mlm.loss().add(0.0).rename("mlm_loss");
        mlm.accuracy().rename("mlm_accuracy");
        mlm.loss().rename("loss");
        return "loss";
    }

    /** The graph's placeholder values for one masked batch. */
    public static Map<String, INDArray> feed(MaskedBatch batch) {
        return PretrainingFeeds.maskedLm(batch);
    }
}
