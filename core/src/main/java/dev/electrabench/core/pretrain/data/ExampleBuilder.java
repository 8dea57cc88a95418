package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.math.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Packs the tokenized sentences of a document into pre-training examples with the semantics of
 * google-research/electra's {@code ExampleBuilder} (build_pretraining_dataset.py):
 * <ul>
 *   <li>sentences accumulate until their token count reaches the target length (L, or for 5% of examples a
 *       length drawn uniformly from [5, L]) or the document ends;</li>
 *   <li>10% of examples are single-segment; otherwise the first-segment target is (target − 3) // 2 and a
 *       sentence joins segment A if A is empty, if it keeps A under the target, or — while B is still empty
 *       and A is under target — with probability 0.5; otherwise it joins B;</li>
 *   <li>A is cut to L − 2 tokens and B to L − |A| − 3 (tokens past that are dropped, as in ELECTRA);</li>
 *   <li>the result is [CLS] A [SEP] (B [SEP]) — B and its [SEP] only when B is non-empty.</li>
 * </ul>
 * Randomness comes from one {@link SplittableRandom} seeded from {@code seed}, drawn in the same order as
 * ELECTRA draws from Python's {@code random}: single-segment test, overflow tests (only when reached),
 * random-length test, then the random length. Same seed and same sentence stream give the same examples.
 */
public final class ExampleBuilder {
    private final ExampleBuilderConfig config;
    private final int clsId;
    private final int sepId;
    private final SplittableRandom random;
    private final List<int[]> sentences = new ArrayList<>();
    private int currentLength;
    private int targetLength;
    private long droppedTokens;

    public ExampleBuilder(ExampleBuilderConfig config, int clsId, int sepId, long seed) {
        this.config = config;
        this.clsId = clsId;
        this.sepId = sepId;
        this.random = new SplittableRandom(Seeds.derive(seed, "example-builder", 0));
        this.targetLength = config.maxLength();
    }

    /** Adds one tokenized sentence (no special tokens); returns an example when the target length is reached, else null. */
    public PretrainingExample addSentence(int[] tokenIds) {
        sentences.add(tokenIds);
        currentLength += tokenIds.length;
        return currentLength >= targetLength ? createExample() : null;
    }

    /** Ends the current document; returns the example made of its remaining sentences, or null if there are none. */
    public PretrainingExample endDocument() {
        if (currentLength == 0) {
            sentences.clear(); // only empty sentences: ELECTRA keeps them, but they cannot change any example
            return null;
        }
        return createExample();
    }

    /** Tokens of accepted sentences that did not fit into an example (cut by the L − 2 / L − |A| − 3 rule). */
    public long droppedTokens() {
        return droppedTokens;
    }

    private PretrainingExample createExample() {
        int maxLength = config.maxLength();
        int firstTarget = random.nextDouble() < config.singleSegmentProb()
                ? ExampleBuilderConfig.SINGLE_SEGMENT_TARGET
                : Math.floorDiv(targetLength - 3, 2);

        boolean[] inFirst = new boolean[sentences.size()];
        int firstLength = 0;
        int secondLength = 0;
        for (int i = 0; i < inFirst.length; i++) {
            int n = sentences.get(i).length;
            if (firstLength == 0
                    || firstLength + n < firstTarget
                    || (secondLength == 0 && firstLength < firstTarget && random.nextDouble() < config.overflowProb())) {
                inFirst[i] = true;
                firstLength += n;
            } else {
                secondLength += n;
            }
        }
        int keptFirst = Math.min(firstLength, maxLength - 2);
        int keptSecond = Math.min(secondLength, Math.max(0, maxLength - keptFirst - 3));
        droppedTokens += (firstLength - keptFirst) + (secondLength - keptSecond);

        int firstSegmentEnd = keptFirst + 2;
        int[] ids = new int[firstSegmentEnd + (keptSecond > 0 ? keptSecond + 1 : 0)];
        ids[0] = clsId;
        ids[firstSegmentEnd - 1] = sepId;
        int a = 1;
        int aEnd = 1 + keptFirst;
        int b = firstSegmentEnd;
        int bEnd = firstSegmentEnd + keptSecond;
        for (int i = 0; i < inFirst.length; i++) {
            int[] s = sentences.get(i);
            if (inFirst[i]) {
                int n = Math.min(s.length, aEnd - a);
                System.arraycopy(s, 0, ids, a, n);
                a += n;
            } else {
                int n = Math.min(s.length, bEnd - b);
                System.arraycopy(s, 0, ids, b, n);
                b += n;
            }
        }
        if (keptSecond > 0) {
            ids[ids.length - 1] = sepId;
        }

        sentences.clear();
        currentLength = 0;
        targetLength = random.nextDouble() < config.randomLengthProb()
                ? random.nextInt(config.minRandomLength(), maxLength + 1)
                : maxLength;
        return new PretrainingExample(ids, firstSegmentEnd);
    }
}
