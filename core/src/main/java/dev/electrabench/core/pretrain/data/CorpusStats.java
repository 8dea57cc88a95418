package dev.electrabench.core.pretrain.data;

/**
 * What one pass over a corpus produced (stored in the cache manifest and used for throughput reports).
 *
 * @param files          corpus files opened
 * @param documents      documents that contributed at least one sentence
 * @param sentences      non-blank sentences (lines) tokenized
 * @param inputBytes     uncompressed bytes read
 * @param sentenceTokens word pieces produced by the tokenizer
 * @param examples       examples built
 * @param exampleTokens  tokens in the examples, [CLS]/[SEP] included, padding excluded
 * @param droppedTokens  word pieces cut off by the example length limit
 * @param seconds        wall time of the pass
 */
public record CorpusStats(int files, long documents, long sentences, long inputBytes, long sentenceTokens,
                          long examples, long exampleTokens, long droppedTokens, double seconds) {

    public double megabytesPerSecond() {
        return inputBytes / 1e6 / seconds;
    }

    public double examplesPerSecond() {
        return examples / seconds;
    }
}
