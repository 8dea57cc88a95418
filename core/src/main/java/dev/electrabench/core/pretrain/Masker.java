package dev.electrabench.core.pretrain;

import dev.electrabench.core.math.Seeds;
import dev.electrabench.core.pretrain.data.ExampleBatch;
import dev.electrabench.core.text.Vocab;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Dynamic masking, applied afresh to every batch (google-research/electra {@code pretrain_helpers.mask}).
 * For each example:
 * <ul>
 *   <li>candidates: positions with attention 1 whose id is not [CLS], [SEP], [MASK] or [PAD];</li>
 *   <li>count = max(1, min(maxPredictionsPerSeq, round(maskProb · numTokens))), where numTokens counts every
 *       non-padding position, [CLS] and [SEP] included, exactly as ELECTRA's {@code reduce_sum(input_mask)};
 *       round is TensorFlow's (half to even, of the float32 product), so 30 tokens give round(4.5) = 4;</li>
 *   <li>count positions drawn uniformly <em>without</em> replacement from the candidates (capped by their
 *       number). ELECTRA draws with replacement and drops duplicates, so its realised count is sometimes
 *       smaller; we always predict exactly count positions;</li>
 *   <li>each chosen position independently becomes [MASK] (maskTokenProb), a random token (randomTokenProb,
 *       uniform over the vocabulary minus bracketed specials such as [PAD], [unused0], [UNK], [CLS], [SEP],
 *       [MASK]) or stays unchanged.</li>
 * </ul>
 * Output positions are ascending; unused slots have position 0, id 0 and weight 0 (ELECTRA's padding).
 * The random stream is derived from (seed, step) alone, so a resumed run masks step N exactly as before.
 */
public final class Masker {
    private final MaskingConfig config;
    private final Vocab vocab;
    private final int clsId;
    private final int sepId;
    private final int padId;
    private final int maskId;
    private final int[] replacementIds;

    public Masker(MaskingConfig config, Vocab vocab) {
        this.config = config;
        this.vocab = vocab;
        this.clsId = vocab.clsId();
        this.sepId = vocab.sepId();
        this.padId = vocab.padId();
        this.maskId = vocab.maskId();
        this.replacementIds = IntStream.range(0, vocab.size())
                .filter(id -> !isBracketedSpecial(vocab.token(id)))
                .toArray();
        if (config.randomTokenProb() > 0 && replacementIds.length == 0) {
            throw new IllegalArgumentException("vocabulary has no ordinary tokens to use as random replacements");
        }
    }

    /** The vocabulary the examples are written in (saved next to the models as vocab.txt). */
    public Vocab vocab() {
        return vocab;
    }

    /** Whether a token can be chosen for prediction: anything but [CLS], [SEP], [MASK] and [PAD]. */
    public boolean maskable(int id) {
        return id != clsId && id != sepId && id != maskId && id != padId;
    }

    private static boolean isBracketedSpecial(String token) {
        return token.length() > 2 && token.startsWith("[") && token.endsWith("]");
    }

    public MaskingConfig config() {
        return config;
    }

    public MaskedBatch mask(ExampleBatch batch, long seed, long step) {
        return mask(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask(), seed, step);
    }

    /** Masks a batch; the inputs are not modified. */
    public MaskedBatch mask(int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask, long seed, long step) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "masking", step));
        int batchSize = inputIds.length;
        int p = config.maxPredictionsPerSeq();
        int[][] masked = new int[batchSize][];
        int[][] positions = new int[batchSize][p];
        int[][] ids = new int[batchSize][p];
        float[][] weights = new float[batchSize][p];
        for (int b = 0; b < batchSize; b++) {
            masked[b] = inputIds[b].clone();
            maskExample(inputIds[b], attentionMask[b], random, masked[b], positions[b], ids[b], weights[b]);
        }
        return new MaskedBatch(masked, copy(inputIds), copy(tokenTypeIds), copy(attentionMask), positions, ids, weights);
    }

    /** Number of predictions for an example with {@code numTokens} non-padding tokens (before the candidate cap). */
    public int predictionsFor(int numTokens) {
        long rounded = (long) Math.rint((float) numTokens * (float) config.maskProb());
        return (int) Math.max(1, Math.min(config.maxPredictionsPerSeq(), rounded));
    }

    private void maskExample(int[] original, int[] attention, SplittableRandom random,
                             int[] masked, int[] positions, int[] ids, float[] weights) {
        int numTokens = 0;
        int[] candidates = new int[original.length];
        int numCandidates = 0;
        for (int t = 0; t < original.length; t++) {
            if (attention[t] == 0) {
                continue;
            }
            numTokens++;
            if (maskable(original[t])) {
                candidates[numCandidates++] = t;
            }
        }
        int count = Math.min(predictionsFor(numTokens), numCandidates);
        for (int i = 0; i < count; i++) { // partial Fisher–Yates: the first count slots become a uniform sample
            int j = i + random.nextInt(numCandidates - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
        }
        Arrays.sort(candidates, 0, count);
        for (int i = 0; i < count; i++) {
            int position = candidates[i];
            positions[i] = position;
            ids[i] = original[position];
            weights[i] = 1f;
            double u = random.nextDouble();
            if (u < config.maskTokenProb()) {
                masked[position] = maskId;
            } else if (u < config.maskTokenProb() + config.randomTokenProb()) {
                masked[position] = replacementIds[random.nextInt(replacementIds.length)];
            }
        }
    }

    private static int[][] copy(int[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }
}
