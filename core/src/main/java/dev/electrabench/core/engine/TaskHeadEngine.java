package dev.electrabench.core.engine;

import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import java.nio.FloatBuffer;

/**
 * The fine-tuning heads on the eager engine, as {@code Architecture.logits} builds them in the graph
 * ({@code Heads}): sequence classification on the [CLS] row (the paper's dropout → out_proj, or HF's
 * ElectraClassificationHead dropout → dense → GELU → dropout → out_proj, or BERT's pooler dense → tanh →
 * dropout → classifier), token classification (dropout → dense per position) and question answering
 * (qa_outputs per position, no dropout). Buffers are sized for the largest batch; each call works on the
 * current batch's rows.
 */
final class TaskHeadEngine {
    private final Architecture.Head kind;
    private final boolean pooler;           // BERT's pooler: tanh instead of GELU, no dropout before it
    private final double drop;
    private final long site;
    private final int hidden;
    private final int classes;
    private final LinearWeights dense;      // ElectraClassificationHead's dense or BERT's pooler
    private final LinearWeights output;
    private final FloatTensor x;            // head input: [CLS] rows, or the hidden states, after dropout
    private final FloatTensor xMask;
    private final FloatTensor pre;          // dense pre-activation (GELU) or tanh output (pooler)
    private final FloatTensor activated;    // activation after dropout
    private final FloatTensor activatedMask;
    private final FloatTensor logits;
    private final FloatTensor dx;
    private final FloatTensor dActivated;
    private final int maxSeq;
    private int batch;
    private int seq;
    private boolean dropout;
    private FloatTensor input;              // what the output layer read

    TaskHeadEngine(ParameterTensors t, TransformerConfig c, Architecture architecture, int maxBatch, int maxSeq, long site,
                   boolean training) {
        this.kind = architecture.head();
        this.pooler = architecture == Architecture.BERT_FOR_SEQUENCE_CLASSIFICATION;
        this.drop = training && kind != Architecture.Head.QUESTION_ANSWERING ? c.hiddenDropoutProb : 0.0;
        this.site = site;
        this.hidden = c.hiddenSize;
        this.maxSeq = maxSeq;
        int rows;
        switch (architecture) {
            case ELECTRA_FOR_SEQUENCE_CLASSIFICATION -> {
                rows = maxBatch;
                this.dense = Architecture.paperHead(c) ? null : LinearWeights.of(t, "classifier.dense");
                this.output = LinearWeights.of(t, "classifier.out_proj");
            }
            case BERT_FOR_SEQUENCE_CLASSIFICATION -> {
                rows = maxBatch;
                this.dense = LinearWeights.of(t, "bert.pooler.dense");
                this.output = LinearWeights.of(t, "classifier");
            }
            case ELECTRA_FOR_TOKEN_CLASSIFICATION, BERT_FOR_TOKEN_CLASSIFICATION -> {
                rows = maxBatch * maxSeq;
                this.dense = null;
                this.output = LinearWeights.of(t, "classifier");
            }
            case ELECTRA_FOR_QUESTION_ANSWERING, BERT_FOR_QUESTION_ANSWERING -> {
                rows = maxBatch * maxSeq;
                this.dense = null;
                this.output = LinearWeights.of(t, "qa_outputs");
            }
            default -> throw new IllegalArgumentException(architecture.hfName() + " has no fine-tuning head");
        }
        this.classes = output.out();
        boolean qa = kind == Architecture.Head.QUESTION_ANSWERING; // reads the hidden states as they are
        this.x = qa ? null : FloatTensor.zeros(rows, hidden);
        this.xMask = drop > 0 && !pooler ? FloatTensor.zeros(rows, hidden) : null;
        this.pre = dense != null ? FloatTensor.zeros(rows, hidden) : null;
        this.activated = dense != null ? FloatTensor.zeros(rows, hidden) : null;
        this.activatedMask = dense != null && drop > 0 ? FloatTensor.zeros(rows, hidden) : null;
        this.logits = FloatTensor.zeros(rows, classes);
        this.dx = qa ? null : FloatTensor.zeros(rows, hidden);
        this.dActivated = dense != null ? FloatTensor.zeros(rows, hidden) : null;
    }

    /** Dropout sites this head uses (from its first). */
    static long siteCount() {
        return 2;
    }

    int classes() {
        return classes;
    }

    /** Rows of the logits: the batch (sequence classification) or every position of it. */
    int logitRows() {
        return kind == Architecture.Head.SEQUENCE_CLASSIFICATION ? batch : batch * seq;
    }

    /** Logits [rows, classes] of {@code hiddenStates} [batch·seq, H] (kept by reference until backward). */
    FloatTensor forward(FloatTensor hiddenStates, int batch, int seq, long stepSeed, boolean withDropout) {
        this.batch = batch;
        this.seq = seq;
        this.dropout = withDropout && drop > 0;
        int rows = logitRows();
        if (kind == Architecture.Head.QUESTION_ANSWERING) {
            input = hiddenStates;
        } else {
            if (kind == Architecture.Head.SEQUENCE_CLASSIFICATION) {
                FloatBuffer h = hiddenStates.data();
                FloatBuffer xd = x.data();
                for (int b = 0; b < batch; b++) { // the [CLS] row of each sequence
                    xd.put(b * hidden, h, b * seq * hidden, hidden);
                }
            } else {
                x.copyFrom(hiddenStates, 0, rows * hidden);
            }
            if (dropout && !pooler) {
                dropout(x, xMask, rows, stepSeed, site);
            }
            input = x;
            if (dense != null) {
                dense.forward(x, pre, rows);
                if (pooler) {
                    tanh(pre, activated, rows * hidden);
                } else {
                    GeluKernel.forward(pre, activated, rows * hidden);
                }
                if (dropout) {
                    dropout(activated, activatedMask, rows, stepSeed, site + 1);
                }
                input = activated;
            }
        }
        output.forward(input, logits, rows);
        return logits;
    }

    /** y = tanh(x), and x overwritten with y: tanh's derivative 1 − y² needs only the output. */
    private static void tanh(FloatTensor x, FloatTensor y, int n) {
        FloatBuffer xd = x.data();
        FloatBuffer yd = y.data();
        for (int i = 0; i < n; i++) {
            float v = (float) Math.tanh(xd.get(i));
            yd.put(i, v);
            xd.put(i, v);
        }
    }

    /** Masks keyed by (row, position, feature): [CLS] rows by batch row, per-position rows as the encoder's. */
    private void dropout(FloatTensor t, FloatTensor mask, int rows, long stepSeed, long dropSite) {
        if (kind == Architecture.Head.SEQUENCE_CLASSIFICATION) {
            DropoutKernel.forwardRows(t, mask, rows, hidden, hidden, 1, 1, drop, stepSeed, dropSite);
        } else {
            DropoutKernel.forwardRows(t, mask, rows, hidden, hidden, seq, maxSeq, drop, stepSeed, dropSite);
        }
    }

    /** The head's parameter gradients from {@code dLogits}; writes d loss / d hidden states into {@code dHidden}. */
    void backward(FloatTensor dLogits, FloatTensor dHidden) {
        int rows = logitRows();
        if (kind == Architecture.Head.QUESTION_ANSWERING) {
            output.backward(input, dLogits, dHidden, false, rows);
            return;
        }
        if (dense != null) {
            output.backward(input, dLogits, dActivated, false, rows);
            if (dropout) {
                DropoutKernel.backward(dActivated, activatedMask, rows * hidden);
            }
            if (pooler) {
                FloatBuffer g = dActivated.data();
                FloatBuffer y = pre.data();
                for (int i = 0; i < rows * hidden; i++) {
                    float v = y.get(i);
                    g.put(i, g.get(i) * (1f - v * v));
                }
            } else {
                GeluKernel.backward(dActivated, pre, rows * hidden);
            }
            dense.backward(x, dActivated, dx, false, rows);
        } else {
            output.backward(input, dLogits, dx, false, rows);
        }
        if (dropout && !pooler) {
            DropoutKernel.backward(dx, xMask, rows * hidden);
        }
        if (kind == Architecture.Head.SEQUENCE_CLASSIFICATION) {
            dHidden.fill(0f, batch * seq * hidden);
            FloatBuffer d = dHidden.data();
            FloatBuffer g = dx.data();
            for (int b = 0; b < batch; b++) {
                d.put(b * seq * hidden, g, b * hidden, hidden);
            }
        } else {
            dHidden.copyFrom(dx, 0, rows * hidden);
        }
    }
}
