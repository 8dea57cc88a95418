package dev.electrabench.core.pretrain.data;

/**
 * A batch of padded examples before masking, in ELECTRA's feature layout.
 *
 * @param inputIds      [B][T] token ids, 0 ([PAD]) after the example
 * @param tokenTypeIds  [B][T] segment ids: 0 for [CLS] A [SEP], 1 for B [SEP], 0 on padding
 * @param attentionMask [B][T] 1 on real tokens, 0 on padding
 */
public record ExampleBatch(int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask) {

    public int batchSize() {
        return inputIds.length;
    }

    public int seqLength() {
        return inputIds[0].length;
    }
}
