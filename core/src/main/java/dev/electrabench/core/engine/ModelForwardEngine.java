package dev.electrabench.core.engine;

import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.TransformerModel;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An HF model's eval-mode forward pass on the eager engine, every architecture we read: the last hidden
 * state [B, T, H] and the head's logits in {@code TransformerModel.forward}'s shapes (discriminator [B, T],
 * MLM and token classification [B, T, C], question answering [B, T, 2], sequence classification [B, C]).
 * The engine twin of {@code TransformerModel.forward} (the graph), used by {@code forward} on the CPU backend.
 */
public final class ModelForwardEngine {
    private ModelForwardEngine() {}

    /** Outputs of one batch. */
    public record Outputs(INDArray lastHiddenState, INDArray logits) {}

    /** Rows of {@code inputIds} etc. are [B][T], all of one length. */
    public static Outputs forward(TransformerModel m, int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask) {
        int b = inputIds.length;
        int t = inputIds[0].length;
        int h = m.config().hiddenSize;
        ParameterTensors tensors = new ParameterTensors(m.parameters());
        String backbone = m.architecture().backbone();
        TransformerEncoderEngine encoder = new TransformerEncoderEngine(tensors, m.config(), backbone, backbone, b, t, 0, false);
        FloatTensor hidden = encoder.forward(flat(inputIds, t), flat(tokenTypeIds, t), flat(attentionMask, t), 0);
        INDArray last = copy(hidden, b * t * h).reshape(b, t, h);
        Architecture a = m.architecture();
        INDArray logits = switch (a.head()) {
            case SEQUENCE_CLASSIFICATION, TOKEN_CLASSIFICATION, QUESTION_ANSWERING -> {
                TaskHeadEngine head = new TaskHeadEngine(tensors, m.config(), a, b, t, 0, false);
                FloatTensor z = head.forward(hidden, b, t, 0, false);
                INDArray out = copy(z, head.logitRows() * head.classes());
                yield a.head() == Architecture.Head.SEQUENCE_CLASSIFICATION ? out.reshape(b, head.classes())
                        : out.reshape(b, t, head.classes());
            }
            case MASKED_LM -> {
                Heads.MlmNames names = a == Architecture.BERT_FOR_MASKED_LM ? Heads.MlmNames.BERT : Heads.MlmNames.ELECTRA_GENERATOR;
                MaskedLmHeadEngine mlm = new MaskedLmHeadEngine(tensors, m.config(), names, a.wordEmbeddings(), b * t);
                int[] rows = new int[b * t];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = i;
                }
                FloatTensor z = mlm.logits(hidden, rows);
                int v = m.config().vocabSize;
                float[] bias = mlm.outputBias(); // the training pass fuses it into the softmax; add it here
                FloatBuffer d = z.data();
                for (int r = 0; r < rows.length; r++) {
                    for (int j = 0; j < v; j++) {
                        d.put(r * v + j, d.get(r * v + j) + bias[j]);
                    }
                }
                yield copy(z, rows.length * v).reshape(b, t, v);
            }
            case DISCRIMINATOR -> {
                // Heads.discriminator: dense(H, H) → GELU → dense_prediction(H, 1)
                LinearWeights dense = LinearWeights.of(tensors, "discriminator_predictions.dense");
                LinearWeights prediction = LinearWeights.of(tensors, "discriminator_predictions.dense_prediction");
                FloatTensor pre = FloatTensor.zeros((long) b * t, h);
                FloatTensor activated = FloatTensor.zeros((long) b * t, h);
                FloatTensor z = FloatTensor.zeros((long) b * t, 1);
                dense.forward(hidden, pre, b * t);
                GeluKernel.forward(pre, activated, b * t * h);
                prediction.forward(activated, z, b * t);
                yield copy(z, b * t).reshape(b, t);
            }
        };
        return new Outputs(last, logits);
    }

    private static int[] flat(int[][] rows, int t) {
        int[] out = new int[rows.length * t];
        MaskedBatchInputs.flatten(rows, t, out);
        return out;
    }

    /** The first n values of {@code x} as a new float array. */
    private static INDArray copy(FloatTensor x, int n) {
        float[] v = new float[n];
        x.data().get(0, v, 0, n);
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }
}
