package dev.electrabench.core.model;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.EmbeddingGather;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.Losses;
import dev.electrabench.core.model.Parameters;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The MLM head evaluated only at the masked slots, as ELECTRA does: rows of the hidden states are gathered
 * at {@code masked_positions} first, so the [·, V] logits and their log-softmax cost B·P rows, not B·T.
 * Shared by the BERT baseline and ELECTRA's generator.
 */
public final class MaskedLmHeadGraph {
    /** Logits [B·P, V], the weighted-mean cross-entropy, and accuracy over real slots. */
    public record Outputs(SDVariable logits, SDVariable loss, SDVariable accuracy, SDVariable predictions) {}

    private MaskedLmHeadGraph() {}

    /** Rows of {@code hidden} [B·T, H] at {@code positions} [B, P] → [B·P, H]. */
    public static SDVariable gatherPositions(SameDiff sd, SDVariable hidden, SDVariable positions, SDVariable inputIds) {
        return EmbeddingGather.lookup(sd, null, hidden, flatPositions(sd, positions, inputIds));
    }

    /** Row indices b·T + position of the slots {@code positions} [B, P] into a [B·T, ·] matrix → [B·P]. */
    public static SDVariable flatPositions(SameDiff sd, SDVariable positions, SDVariable inputIds) {
        SDVariable b = sd.sizeAt(inputIds, 0);
        SDVariable t = sd.sizeAt(inputIds, 1);
        SDVariable rowStart = sd.range(sd.constant(0), b, sd.constant(1), DataType.INT).mul(t.castTo(DataType.INT));
        return sd.reshape(positions.castTo(DataType.INT).add(sd.reshape(rowStart, -1, 1)), -1);
    }

    public static Outputs build(SameDiff sd, Parameters p, TransformerConfig c, Heads.MlmNames names, String wordEmbeddings,
                                SDVariable hidden, SDVariable inputIds, SDVariable positions, SDVariable targetIds,
                                SDVariable weights) {
        SDVariable rows = gatherPositions(sd, hidden, positions, inputIds);
        SDVariable logits = Heads.maskedLm(sd, p, c, names, rows, wordEmbeddings);
        SDVariable targets = sd.reshape(targetIds, -1);
        SDVariable w = sd.reshape(weights, -1).castTo(logits.dataType());
        SDVariable loss = Losses.weightedMean(Losses.crossEntropyPerRow(sd, logits, targets, c.vocabSize), w);
        SDVariable predictions = sd.argmax(logits, 1).castTo(DataType.INT);
        SDVariable correct = sd.eq(predictions, targets.castTo(DataType.INT)).castTo(logits.dataType());
        SDVariable accuracy = Losses.weightedMean(correct, w);
        return new Outputs(logits, loss, accuracy, predictions);
    }
}
