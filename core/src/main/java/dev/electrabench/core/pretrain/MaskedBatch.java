package dev.electrabench.core.pretrain;

/**
 * One pre-training batch after dynamic masking, in google-research/electra's layout.
 *
 * @param inputIds        [B][T] ids fed to the MLM / generator (masked positions replaced)
 * @param originalIds     [B][T] the clean ids (the targets and the discriminator's "original")
 * @param tokenTypeIds    [B][T] segment ids 0/1, 0 on padding
 * @param attentionMask   [B][T] 1 for real tokens, 0 for padding
 * @param maskedPositions [B][P] positions chosen for prediction, padded with 0
 * @param maskedIds       [B][P] original ids at those positions, padded with 0
 * @param maskedWeights   [B][P] 1 for a real prediction slot, 0 for padding slots
 */
public record MaskedBatch(
        int[][] inputIds,
        int[][] originalIds,
        int[][] tokenTypeIds,
        int[][] attentionMask,
        int[][] maskedPositions,
        int[][] maskedIds,
        float[][] maskedWeights) {

    public int batchSize() {
        return inputIds.length;
    }

    public int seqLength() {
        return inputIds[0].length;
    }

    public int maxPredictions() {
        return maskedPositions[0].length;
    }
}
