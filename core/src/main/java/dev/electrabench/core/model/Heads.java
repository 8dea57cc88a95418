package dev.electrabench.core.model;

import dev.electrabench.core.config.TransformerConfig;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The prediction heads of the HF architectures, with HF tensor names. Inputs are [N, H] rows. A regression
 * head (STS-B) is sequence classification with {@code num_labels = 1}, as in HF.
 */
public final class Heads {
    private Heads() {}

    // ---- ELECTRA discriminator: dense(H,H) → GELU → dense_prediction(H,1) → squeeze

    public static List<ParamSpec> discriminatorSpecs(TransformerConfig c) {
        int h = c.hiddenSize;
        return List.of(
                ParamSpec.normal("discriminator_predictions.dense.weight", h, h),
                ParamSpec.zeros("discriminator_predictions.dense.bias", h),
                ParamSpec.normal("discriminator_predictions.dense_prediction.weight", 1, h),
                ParamSpec.zeros("discriminator_predictions.dense_prediction.bias", 1));
    }

    /** One replaced-token logit per row: [N]. */
    public static SDVariable discriminator(SameDiff sd, Parameters p, SDVariable hidden) {
        SDVariable z = GraphOps.gelu(sd, GraphOps.linear(sd, hidden, p.var(sd, "discriminator_predictions.dense.weight"),
                p.var(sd, "discriminator_predictions.dense.bias")));
        SDVariable logit = GraphOps.linear(sd, z, p.var(sd, "discriminator_predictions.dense_prediction.weight"),
                p.var(sd, "discriminator_predictions.dense_prediction.bias"));
        return sd.reshape(logit, -1);
    }

    // ---- Masked-LM heads: transform dense → GELU → LayerNorm → tied decoder (word embeddings) + bias

    /** Tensor names of a masked-LM head (ELECTRA generator or BERT). */
    public record MlmNames(String dense, String layerNorm, String outputBias) {
        public static final MlmNames ELECTRA_GENERATOR =
                new MlmNames("generator_predictions.dense", "generator_predictions.LayerNorm", "generator_lm_head.bias");
        public static final MlmNames BERT =
                new MlmNames("cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm", "cls.predictions.bias");
    }

    /** The transform maps H → E (ELECTRA generator: E may differ from H; BERT: E == H). */
    public static List<ParamSpec> maskedLmSpecs(TransformerConfig c, MlmNames n) {
        int e = c.embeddingSize();
        return List.of(
                ParamSpec.normal(n.dense() + ".weight", e, c.hiddenSize),
                ParamSpec.zeros(n.dense() + ".bias", e),
                ParamSpec.ones(n.layerNorm() + ".weight", e),
                ParamSpec.zeros(n.layerNorm() + ".bias", e),
                ParamSpec.zeros(n.outputBias(), c.vocabSize));
    }

    /** Vocabulary logits [N, V]; the decoder weight is the word-embedding table (tied, as HF and ELECTRA). */
    public static SDVariable maskedLm(SameDiff sd, Parameters p, TransformerConfig c, MlmNames n, SDVariable hidden,
                                      String wordEmbeddings) {
        SDVariable z = GraphOps.gelu(sd, GraphOps.linear(sd, hidden, p.var(sd, n.dense() + ".weight"), p.var(sd, n.dense() + ".bias")));
        z = GraphOps.layerNorm(sd, z, p.var(sd, n.layerNorm() + ".weight"), p.var(sd, n.layerNorm() + ".bias"), c.layerNormEps);
        return GraphOps.linear(sd, z, p.var(sd, wordEmbeddings), p.var(sd, n.outputBias()));
    }

    // ---- Sequence classification on the [CLS] position

    /** HF ElectraClassificationHead: dense(H,H) → GELU → out_proj(H,C); the paper's head is out_proj only. */
    public static List<ParamSpec> sequenceClassificationSpecs(TransformerConfig c, boolean paperHead) {
        int h = c.hiddenSize;
        int labels = c.labelCount();
        if (paperHead) {
            return List.of(ParamSpec.normal("classifier.out_proj.weight", labels, h), ParamSpec.zeros("classifier.out_proj.bias", labels));
        }
        return List.of(
                ParamSpec.normal("classifier.dense.weight", h, h),
                ParamSpec.zeros("classifier.dense.bias", h),
                ParamSpec.normal("classifier.out_proj.weight", labels, h),
                ParamSpec.zeros("classifier.out_proj.bias", labels));
    }

    /** Logits [B, C] from position 0 of each row of {@code hidden} [B·T, H]. */
    public static SDVariable sequenceClassification(SameDiff sd, Parameters p, TransformerConfig c, SDVariable hidden,
                                                    TransformerEncoderGraph.Inputs in, boolean paperHead, boolean training) {
        long[] rowShape = in.shape(in.batch(), c.hiddenSize);
        SDVariable cls = clsRows(sd, c, hidden, in);
        double drop = training ? c.hiddenDropoutProb : 0.0;
        SDVariable x = GraphOps.dropout(sd, cls, drop, rowShape);
        if (!paperHead) {
            x = GraphOps.gelu(sd, GraphOps.linear(sd, x, p.var(sd, "classifier.dense.weight"), p.var(sd, "classifier.dense.bias")));
            x = GraphOps.dropout(sd, x, drop, rowShape);
        }
        return GraphOps.linear(sd, x, p.var(sd, "classifier.out_proj.weight"), p.var(sd, "classifier.out_proj.bias"));
    }

    /** Position 0 ([CLS]) of each row of {@code hidden} [B·T, H]: [B, H]. */
    private static SDVariable clsRows(SameDiff sd, TransformerConfig c, SDVariable hidden, TransformerEncoderGraph.Inputs in) {
        SDVariable bt = sd.shape(in.inputIds()).castTo(DataType.LONG);
        SDVariable shape3 = sd.concat(0, bt, sd.constant(Nd4j.createFromArray((long) c.hiddenSize)));
        return sd.reshape(hidden, shape3).get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    }

    /** HF BertForSequenceClassification: BERT's pooler ({@code bert.pooler.dense}, tanh) and {@code classifier}. */
    public static List<ParamSpec> poolerClassificationSpecs(TransformerConfig c) {
        int h = c.hiddenSize;
        return List.of(
                ParamSpec.normal("bert.pooler.dense.weight", h, h),
                ParamSpec.zeros("bert.pooler.dense.bias", h),
                ParamSpec.normal("classifier.weight", c.labelCount(), h),
                ParamSpec.zeros("classifier.bias", c.labelCount()));
    }

    /** Logits [B, C]: tanh(pooler(position 0)) → dropout → classifier; no dropout before the pooler, as in HF. */
    public static SDVariable poolerClassification(SameDiff sd, Parameters p, TransformerConfig c, SDVariable hidden,
                                                  TransformerEncoderGraph.Inputs in, boolean training) {
        SDVariable cls = clsRows(sd, c, hidden, in);
        SDVariable pooled = sd.math.tanh(GraphOps.linear(sd, cls, p.var(sd, "bert.pooler.dense.weight"), p.var(sd, "bert.pooler.dense.bias")));
        SDVariable x = GraphOps.dropout(sd, pooled, training ? c.hiddenDropoutProb : 0.0, in.shape(in.batch(), c.hiddenSize));
        return GraphOps.linear(sd, x, p.var(sd, "classifier.weight"), p.var(sd, "classifier.bias"));
    }

    // ---- Token classification: dropout → dense per position

    public static List<ParamSpec> tokenClassificationSpecs(TransformerConfig c) {
        return List.of(ParamSpec.normal("classifier.weight", c.labelCount(), c.hiddenSize),
                ParamSpec.zeros("classifier.bias", c.labelCount()));
    }

    /** Logits [B·T, C]. */
    public static SDVariable tokenClassification(SameDiff sd, Parameters p, TransformerConfig c, SDVariable hidden,
                                                 TransformerEncoderGraph.Inputs in, boolean training) {
        SDVariable x = GraphOps.dropout(sd, hidden, training ? c.hiddenDropoutProb : 0.0, in.rows(c.hiddenSize));
        return GraphOps.linear(sd, x, p.var(sd, "classifier.weight"), p.var(sd, "classifier.bias"));
    }

    // ---- Extractive QA (HF ElectraForQuestionAnswering): qa_outputs(H,2) on every position, no dropout

    public static List<ParamSpec> questionAnsweringSpecs(TransformerConfig c) {
        return List.of(ParamSpec.normal("qa_outputs.weight", 2, c.hiddenSize), ParamSpec.zeros("qa_outputs.bias", 2));
    }

    /** Logits [B·T, 2]: column 0 the answer-start logit, column 1 the answer-end logit of each position. */
    public static SDVariable questionAnswering(SameDiff sd, Parameters p, SDVariable hidden) {
        return GraphOps.linear(sd, hidden, p.var(sd, "qa_outputs.weight"), p.var(sd, "qa_outputs.bias"));
    }
}
