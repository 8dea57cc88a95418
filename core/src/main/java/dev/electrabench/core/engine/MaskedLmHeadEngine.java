package dev.electrabench.core.engine;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Heads;
import java.nio.FloatBuffer;

/**
 * The HF masked-LM head evaluated only at the masked slots ({@code MaskedLmHeadGraph.build}): gather the
 * rows at b·T + position → dense → GELU → LayerNorm → decoder tied to the word embeddings + bias → weighted
 * cross-entropy. The decoder's gradient is added to the word-embedding gradient (the step zeroes it first).
 */
public final class MaskedLmHeadEngine {
    private final int slots;
    private final int hidden;
    private final int width;
    private final int vocab;
    private final LinearWeights dense;
    private final LayerNormLayer norm;
    private final FloatTensor decoder;
    private final FloatTensor dDecoder;
    private final FloatTensor outputBias;
    private final FloatTensor dOutputBias;

    private final FloatTensor gathered;
    private final FloatTensor geluGrad;
    private final FloatTensor activated;
    private final FloatTensor normed;
    private final FloatTensor logits;
    private final FloatTensor dNormed;
    private final FloatTensor dGathered;
    private final double[] rowLoss;
    private final boolean[] correct;
    private final float[] biasCopy;
    private int[] flatRows;

    /** @param slots B·P, the number of masked slots of a batch */
    public MaskedLmHeadEngine(ParameterTensors t, TransformerConfig c, Heads.MlmNames names, String wordEmbeddings, int slots) {
        this.slots = slots;
        this.hidden = c.hiddenSize;
        this.width = c.embeddingSize();
        this.vocab = c.vocabSize;
        this.dense = LinearWeights.of(t, names.dense());
        this.norm = new LayerNormLayer(LayerNormWeights.of(t, names.layerNorm(), c.layerNormEps), slots);
        this.decoder = t.param(wordEmbeddings);
        this.dDecoder = t.grad(wordEmbeddings);
        this.outputBias = t.param(names.outputBias());
        this.dOutputBias = t.grad(names.outputBias());
        this.gathered = FloatTensor.zeros(slots, hidden);
        this.geluGrad = FloatTensor.zeros(slots, width);
        this.activated = FloatTensor.zeros(slots, width);
        this.normed = FloatTensor.zeros(slots, width);
        this.logits = FloatTensor.zeros(slots, vocab);
        this.dNormed = FloatTensor.zeros(slots, width);
        this.dGathered = FloatTensor.zeros(slots, hidden);
        this.rowLoss = new double[slots];
        this.correct = new boolean[slots];
        this.biasCopy = new float[vocab];
    }

    /**
     * The vocabulary logits at the slots (without the output bias: see {@link #outputBias}); call
     * {@link #crossEntropy} next.
     *
     * @param flatRows row b·T + position of each slot in {@code hidden} [B·T, H]
     */
    public FloatTensor logits(FloatTensor hiddenStates, int[] flatRows) {
        this.flatRows = flatRows;
        FloatBuffer h = hiddenStates.data();
        FloatBuffer g = gathered.data();
        for (int r = 0; r < slots; r++) {
            int src = flatRows[r] * hidden;
            for (int j = 0; j < hidden; j++) {
                g.put(r * hidden + j, h.get(src + j));
            }
        }
        dense.forward(gathered, geluGrad, slots);
        GeluKernel.forward(geluGrad, activated, slots * width);
        norm.forward(activated, normed);
        Blas.gemm(false, true, slots, vocab, width, 1f, normed, decoder, 0f, logits);
        outputBias.data().get(0, biasCopy, 0, vocab);
        return logits;
    }

    /** This step's decoder bias [V] (a copy), to add to {@link #logits}' rows. */
    public float[] outputBias() {
        return biasCopy;
    }

    /**
     * Loss and accuracy at the slots; the logits are replaced by the gradient of {@code gradScale}·loss,
     * kept for {@link #backward}. A non-null {@code visitor} sees each row's softmax weights (ELECTRA samples from them).
     */
    public SoftmaxCrossEntropyKernel.Result crossEntropy(int[] targets, float[] weights, double gradScale,
                                                  SoftmaxRowVisitor visitor) {
        return SoftmaxCrossEntropyKernel.apply(logits, biasCopy, slots, vocab, targets, weights, gradScale, visitor, rowLoss,
                correct);
    }

    /**
     * The last {@link #crossEntropy}'s accuracy at the slots whose input token is not the target ([MASK], or a
     * random token under BERT's 80/10/10). Copying the input scores nothing there, so unlike the plain accuracy
     * it is comparable with the unigram baseline (always predicting the most frequent token).
     */
    public double hiddenTokenAccuracy(int[] inputIds, int[] targets, float[] weights) {
        double hits = 0;
        double total = 0;
        for (int r = 0; r < slots; r++) {
            if (weights[r] != 0f && inputIds[flatRows[r]] != targets[r]) {
                total += weights[r];
                hits += correct[r] ? weights[r] : 0;
            }
        }
        return total == 0 ? Double.NaN : hits / total;
    }

    /** Writes the gradient w.r.t. the hidden states into {@code dHidden} [B·T, H] (zero off the slots). */
    public void backward(FloatTensor dHidden) {
        LinearKernel.columnSums(logits, dOutputBias, slots, vocab);
        Blas.gemm(true, false, vocab, width, slots, 1f, logits, normed, 1f, dDecoder);
        Blas.gemm(false, false, slots, width, vocab, 1f, logits, decoder, 0f, dNormed);
        norm.backward(dNormed, dNormed, false);
        GeluKernel.backward(dNormed, geluGrad, slots * width);
        dense.backward(gathered, dNormed, dGathered, false, slots);
        dHidden.fill(0f);
        FloatBuffer d = dHidden.data();
        FloatBuffer s = dGathered.data();
        for (int r = 0; r < slots; r++) {
            int dst = flatRows[r] * hidden;
            for (int j = 0; j < hidden; j++) {
                d.put(dst + j, d.get(dst + j) + s.get(r * hidden + j));
            }
        }
    }
}
