package dev.electrabench.core.model;

import dev.electrabench.core.config.TransformerConfig;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BERT/ELECTRA encoder as in HF {@code ElectraModel}/{@code BertModel} (no pooler): word + position
 * + token-type embeddings → LayerNorm → dropout → optional {@code embeddings_project} (E≠H) → L post-LN
 * layers of biased q/k/v/o self-attention (scale 1/√d, additive padding mask) and an erf-GELU FFN.
 *
 * <p>Activations are kept as [B·T, features] matrices so every dense layer is one GEMM; only attention
 * reshapes to [B, heads, T, d].
 */
public final class TransformerEncoderGraph {
    /**
     * Placeholders the encoder reads: ids and segment ids [B,T] (INT), mask [B,T] (INT, 1 = real token).
     * Training graphs fix {@code batch} and {@code seq} (0 = any) so dropout noise has static shapes.
     */
    public record Inputs(SDVariable inputIds, SDVariable tokenTypeIds, SDVariable attentionMask, int batch, int seq) {
        public Inputs(SDVariable inputIds, SDVariable tokenTypeIds, SDVariable attentionMask) {
            this(inputIds, tokenTypeIds, attentionMask, 0, 0);
        }

        public static Inputs placeholders(SameDiff sd) {
            return placeholders(sd, 0, 0);
        }

        public static Inputs placeholders(SameDiff sd, int batch, int seq) {
            long b = batch > 0 ? batch : -1;
            long t = seq > 0 ? seq : -1;
            return new Inputs(
                    sd.placeHolder("input_ids", DataType.INT, b, t),
                    sd.placeHolder("token_type_ids", DataType.INT, b, t),
                    sd.placeHolder("attention_mask", DataType.INT, b, t), batch, seq);
        }

        /** Same shape, other ids (ELECTRA's discriminator input). */
        public Inputs withIds(SDVariable ids) {
            return new Inputs(ids, tokenTypeIds, attentionMask, batch, seq);
        }

        /** Static shape [B·T, width] for dropout noise, or null when the shape is dynamic. */
        public long[] rows(long width) {
            return batch > 0 ? new long[] {(long) batch * seq, width} : null;
        }

        public long[] shape(long... dims) {
            return batch > 0 ? dims : null;
        }
    }

    /** Encoder outputs, all [B·T, features]. */
    public record Outputs(SDVariable embeddingLayerNorm, SDVariable encoderInput, List<SDVariable> hiddenStates) {
        public SDVariable last() {
            return hiddenStates.get(hiddenStates.size() - 1);
        }
    }

    private TransformerEncoderGraph() {}

    /** Embedding tables and their LayerNorm, under {@code prefix + ".embeddings."}. */
    public static List<ParamSpec> embeddingSpecs(TransformerConfig c, String prefix) {
        String p = prefix + ".embeddings.";
        int e = c.embeddingSize();
        return List.of(
                new ParamSpec(p + "word_embeddings.weight", new long[] {c.vocabSize, e}, ParamSpec.Init.NORMAL_PAD_ROW_ZERO),
                ParamSpec.normal(p + "position_embeddings.weight", c.maxPositionEmbeddings, e),
                ParamSpec.normal(p + "token_type_embeddings.weight", c.typeVocabSize, e),
                ParamSpec.ones(p + "LayerNorm.weight", e),
                ParamSpec.zeros(p + "LayerNorm.bias", e));
    }

    /** {@code embeddings_project} (when E≠H and the family has it) and the L layers under {@code prefix}. */
    public static List<ParamSpec> bodySpecs(TransformerConfig c, String prefix, boolean projectEmbeddings) {
        List<ParamSpec> specs = new ArrayList<>();
        int h = c.hiddenSize;
        if (projectEmbeddings && c.embeddingSize() != h) {
            specs.add(ParamSpec.normal(prefix + ".embeddings_project.weight", h, c.embeddingSize()));
            specs.add(ParamSpec.zeros(prefix + ".embeddings_project.bias", h));
        }
        for (int i = 0; i < c.numHiddenLayers; i++) {
            String l = prefix + ".encoder.layer." + i + ".";
            for (String qkv : new String[] {"query", "key", "value"}) {
                specs.add(ParamSpec.normal(l + "attention.self." + qkv + ".weight", h, h));
                specs.add(ParamSpec.zeros(l + "attention.self." + qkv + ".bias", h));
            }
            specs.add(ParamSpec.normal(l + "attention.output.dense.weight", h, h));
            specs.add(ParamSpec.zeros(l + "attention.output.dense.bias", h));
            specs.add(ParamSpec.ones(l + "attention.output.LayerNorm.weight", h));
            specs.add(ParamSpec.zeros(l + "attention.output.LayerNorm.bias", h));
            specs.add(ParamSpec.normal(l + "intermediate.dense.weight", c.intermediateSize, h));
            specs.add(ParamSpec.zeros(l + "intermediate.dense.bias", c.intermediateSize));
            specs.add(ParamSpec.normal(l + "output.dense.weight", h, c.intermediateSize));
            specs.add(ParamSpec.zeros(l + "output.dense.bias", h));
            specs.add(ParamSpec.ones(l + "output.LayerNorm.weight", h));
            specs.add(ParamSpec.zeros(l + "output.LayerNorm.bias", h));
        }
        return specs;
    }

    /**
     * Builds the encoder graph.
     *
     * @param embeddingsPrefix whose embeddings block to use (ELECTRA's generator uses the discriminator's)
     * @param prefix           this tower's own parameters ({@code embeddings_project}, layers)
     * @param training         whether dropout is active (eval graphs have no dropout nodes at all)
     */
    public static Outputs build(SameDiff sd, Parameters params, TransformerConfig c, String embeddingsPrefix,
                                String prefix, Inputs in, boolean training) {
        int e = c.embeddingSize();
        int h = c.hiddenSize;
        double hiddenDrop = training ? c.hiddenDropoutProb : 0.0;
        double attnDrop = training ? c.attentionProbsDropoutProb : 0.0;
        String ep = embeddingsPrefix + ".embeddings.";

        SDVariable seqLen = sd.sizeAt(in.inputIds(), 1);
        SDVariable positions = sd.range(sd.constant(0), seqLen, sd.constant(1), DataType.INT);
        SDVariable words = EmbeddingGather.lookup(sd, null, params.var(sd, ep + "word_embeddings.weight"), in.inputIds());
        SDVariable types = EmbeddingGather.lookup(sd, null, params.var(sd, ep + "token_type_embeddings.weight"), in.tokenTypeIds());
        SDVariable pos = EmbeddingGather.lookup(sd, null, params.var(sd, ep + "position_embeddings.weight"), positions);
        // [B,T,E] + [T,E] broadcasts the absolute positions 0..T-1 over every row, as HF does
        SDVariable summed = sd.reshape(words.add(types).add(pos), -1, e);
        SDVariable x = GraphOps.layerNorm(sd, summed, params.var(sd, ep + "LayerNorm.weight"),
                params.var(sd, ep + "LayerNorm.bias"), c.layerNormEps);
        SDVariable embeddingLn = x;
        x = GraphOps.dropout(sd, x, hiddenDrop, in.rows(e));
        if (params.contains(prefix + ".embeddings_project.weight")) {
            x = GraphOps.linear(sd, x, params.var(sd, prefix + ".embeddings_project.weight"),
                    params.var(sd, prefix + ".embeddings_project.bias"));
        }
        SDVariable encoderInput = x;

        SDVariable bias = GraphOps.attentionBias(sd, in.attentionMask(), x.dataType());
        SDVariable bt = sd.shape(in.inputIds()).castTo(DataType.LONG);
        int heads = c.numAttentionHeads;
        int d = c.headSize();
        SDVariable shape4 = sd.concat(0, bt, sd.constant(Nd4j.createFromArray((long) heads, d)));
        List<SDVariable> hidden = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers; i++) {
            String l = prefix + ".encoder.layer." + i + ".";
            x = layer(sd, params, c, l, x, bias, shape4, heads, d, h, hiddenDrop, attnDrop, in);
            hidden.add(x);
        }
        return new Outputs(embeddingLn, encoderInput, hidden);
    }

    private static SDVariable layer(SameDiff sd, Parameters p, TransformerConfig c, String l, SDVariable x,
                                    SDVariable bias, SDVariable shape4, int heads, int d, int h,
                                    double hiddenDrop, double attnDrop, Inputs in) {
        String a = l + "attention.self.";
        // scale folded into q: (q/√d)·kᵀ costs [N,H] multiplies instead of [B,nh,T,T]
        SDVariable q = GraphOps.linear(sd, x, p.var(sd, a + "query.weight"), p.var(sd, a + "query.bias"))
                .mul(1.0 / Math.sqrt(d));
        SDVariable k = GraphOps.linear(sd, x, p.var(sd, a + "key.weight"), p.var(sd, a + "key.bias"));
        SDVariable v = GraphOps.linear(sd, x, p.var(sd, a + "value.weight"), p.var(sd, a + "value.bias"));
        SDVariable q4 = sd.permute(sd.reshape(q, shape4), 0, 2, 1, 3); // [B,nh,T,d]
        SDVariable kT = sd.permute(sd.reshape(k, shape4), 0, 2, 3, 1); // [B,nh,d,T]
        SDVariable v4 = sd.permute(sd.reshape(v, shape4), 0, 2, 1, 3); // [B,nh,T,d]
        SDVariable scores = sd.mmul(q4, kT).add(bias);                 // [B,nh,T,T]
        SDVariable probs = sd.nn().softmax(scores, 3);
        probs = GraphOps.dropout(sd, probs, attnDrop, in.shape(in.batch(), heads, in.seq(), in.seq()));
        SDVariable ctx = sd.reshape(sd.permute(sd.mmul(probs, v4), 0, 2, 1, 3), -1, h); // [B·T,H], heads in order
        SDVariable attnOut = GraphOps.linear(sd, ctx, p.var(sd, l + "attention.output.dense.weight"),
                p.var(sd, l + "attention.output.dense.bias"));
        attnOut = GraphOps.dropout(sd, attnOut, hiddenDrop, in.rows(h));
        SDVariable aNorm = GraphOps.layerNorm(sd, attnOut.add(x), p.var(sd, l + "attention.output.LayerNorm.weight"),
                p.var(sd, l + "attention.output.LayerNorm.bias"), c.layerNormEps);
        SDVariable inter = GraphOps.gelu(sd, GraphOps.linear(sd, aNorm, p.var(sd, l + "intermediate.dense.weight"),
                p.var(sd, l + "intermediate.dense.bias")));
        SDVariable out = GraphOps.linear(sd, inter, p.var(sd, l + "output.dense.weight"), p.var(sd, l + "output.dense.bias"));
        out = GraphOps.dropout(sd, out, hiddenDrop, in.rows(h));
        return GraphOps.layerNorm(sd, out.add(aNorm), p.var(sd, l + "output.LayerNorm.weight"),
                p.var(sd, l + "output.LayerNorm.bias"), c.layerNormEps);
    }
}
