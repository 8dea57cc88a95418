package dev.electrabench.core.pretrain;

import dev.electrabench.core.pretrain.data.ExampleStore;

/**
 * The best a model can do at a masked slot without reading the context: predict the corpus's unigram
 * distribution over maskable tokens. Its accuracy (always answering the most frequent token, "the" on English
 * Wikipedia) is what {@code mlm_masked_accuracy} must beat, and its cross-entropy (the unigram entropy) is
 * the loss a context-free model reaches at [MASK] slots. Masked slots are drawn uniformly from the maskable
 * tokens, so the counts over the examples are the distribution of the answers.
 *
 * @param mostFrequentId the most frequent maskable token
 * @param accuracy       its share of the maskable tokens
 * @param crossEntropy   the unigram entropy in nats
 * @param tokens         maskable tokens counted
 * @param examples       examples counted (evenly spaced through the store)
 */
public record UnigramBaseline(int mostFrequentId, double accuracy, double crossEntropy, long tokens, int examples) {

    /**
     * Counts every k-th example of the store, k chosen so that at most {@code maxExamples} are read (all of
     * them if it holds fewer): a bounded cost on any corpus, spread over all of its documents.
     */
    public static UnigramBaseline of(ExampleStore store, Masker masker, int vocabSize, int maxExamples) {
        long[] counts = new long[vocabSize];
        long total = 0;
        int stride = Math.max(1, (store.size() + maxExamples - 1) / maxExamples);
        int n = 0;
        for (int i = 0; i < store.size(); i += stride, n++) {
            for (int id : store.get(i).ids()) {
                if (masker.maskable(id)) {
                    counts[id]++;
                    total++;
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("no maskable tokens in " + n + " examples");
        }
        int best = 0;
        double entropy = 0;
        for (int id = 0; id < vocabSize; id++) {
            if (counts[id] > 0) {
                double p = (double) counts[id] / total;
                entropy -= p * Math.log(p);
            }
            if (counts[id] > counts[best]) {
                best = id;
            }
        }
        return new UnigramBaseline(best, (double) counts[best] / total, entropy, total, n);
    }
}
