package dev.electrabench.core.engine;

import dev.electrabench.core.model.TransformerModel;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fine-tuning model on the eager engine: the encoder and the task's head ({@link TaskHeadEngine}), forward
 * and backward, for batches up to the constructed shape. One instance serves training (dropout on, full
 * rows) and evaluation (dropout off, each batch cut to its longest row) in the same buffers. The same math as
 * the graph ({@code TransformerEncoderGraph} + {@code Architecture.logits}); tests compare every gradient.
 */
public final class TaskModelEngine {
    /** The head's dropout sites follow the encoder's. */
    private static final long HEAD_SITES = 1L << 20;

    private final ParameterTensors tensors;
    private final TransformerEncoderEngine encoder;
    private final TaskHeadEngine head;
    private final int maxBatch;
    private final int maxSeq;
    private final int[] ids;
    private final int[] segments;
    private final int[] mask;
    private final FloatTensor dLogits;

    /** @param training allocate dropout (the config's rates) for {@link #forward}'s {@code withDropout} */
    public TaskModelEngine(TransformerModel model, int maxBatch, int maxSeq, boolean training) {
        this.tensors = new ParameterTensors(model.parameters());
        String backbone = model.architecture().backbone();
        this.encoder = new TransformerEncoderEngine(tensors, model.config(), backbone, backbone, maxBatch, maxSeq, 0, training);
        this.head = new TaskHeadEngine(tensors, model.config(), model.architecture(), maxBatch, maxSeq, HEAD_SITES, training);
        this.maxBatch = maxBatch;
        this.maxSeq = maxSeq;
        this.ids = new int[maxBatch * maxSeq];
        this.segments = new int[maxBatch * maxSeq];
        this.mask = new int[maxBatch * maxSeq];
        this.dLogits = FloatTensor.zeros((long) maxBatch * maxSeq, head.classes());
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int maxSeq() {
        return maxSeq;
    }

    /** Outputs per logit row: the task's classes (2 for question answering: start, end). */
    public int classes() {
        return head.classes();
    }

    /**
     * The head's logits for rows {@code [B][≥seq]} of ids, segments and mask, each cut to {@code seq} tokens:
     * [B, classes] for sequence classification, [B·seq, classes] otherwise (row-major, the first
     * {@link #logitRows} rows of the returned tensor). Valid until the next call.
     */
    public FloatTensor forward(int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask, int seq, long stepSeed,
                               boolean withDropout) {
        int batch = inputIds.length;
        for (int b = 0; b < batch; b++) {
            System.arraycopy(inputIds[b], 0, ids, b * seq, seq);
            System.arraycopy(tokenTypeIds[b], 0, segments, b * seq, seq);
            System.arraycopy(attentionMask[b], 0, mask, b * seq, seq);
        }
        FloatTensor hidden = encoder.forward(ids, segments, mask, batch, seq, stepSeed, withDropout);
        return head.forward(hidden, batch, seq, stepSeed, withDropout);
    }

    /** Rows of the last {@link #forward}'s logits. */
    public int logitRows() {
        return head.logitRows();
    }

    /**
     * Where the loss's gradient w.r.t. the last forward's logits goes (same layout), before {@link #backward}.
     */
    public FloatTensor logitGradient() {
        return dLogits;
    }

    /** Every parameter's gradient from {@link #logitGradient}, after a {@link #forward} with the same batch. */
    public void backward() {
        encoder.zeroEmbeddingGradients();
        head.backward(dLogits, encoder.outputGradient());
        encoder.backward();
    }

    public List<String> parameterNames() {
        return tensors.names();
    }

    /** Gradient per parameter name (live buffers, rewritten by every {@link #backward}). */
    public Map<String, INDArray> gradients() {
        return tensors.gradients();
    }
}
