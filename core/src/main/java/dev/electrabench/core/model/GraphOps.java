package dev.electrabench.core.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;

/**
 * The building blocks of a BERT/ELECTRA layer, written from SameDiff primitives because the M2.1
 * built-ins are wrong or lack gradients (see dl4j-m2.1-notes.md): exact erf GELU instead of
 * {@code nn().gelu} (sigmoid approximation) and {@code preciseGelu} (misplaced cube); LayerNorm with
 * epsilon; inverted dropout from uniform noise (the dropout ops throw on differentiation).
 */
public final class GraphOps {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);

    private GraphOps() {}

    /** {@code x · Wᵀ + b} for an HF/PyTorch Linear weight W [out, in]; x is [N, in]. */
    public static SDVariable linear(SameDiff sd, SDVariable x, SDVariable weight, SDVariable bias) {
        SDVariable y = sd.mmul(x, weight, false, true, false);
        return bias == null ? y : y.add(bias);
    }

    /** Exact GELU: 0.5·x·(1 + erf(x/√2)), as HF's "gelu" and ELECTRA's modeling.py. */
    public static SDVariable gelu(SameDiff sd, SDVariable x) {
        SDVariable cdf = sd.math().erf(x.mul(INV_SQRT2)).add(1.0).mul(0.5);
        return x.mul(cdf);
    }

    /**
     * LayerNorm over the last axis of a rank-2 input [N, C]: (x − mean)/sqrt(var + eps)·γ + β with the
     * biased variance. Built by hand: M2.1's layerNorm op has no epsilon.
     */
    public static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps) {
        SDVariable mean = x.mean(true, 1);
        SDVariable centered = x.sub(mean);
        SDVariable variance = centered.mul(centered).mean(true, 1);
        SDVariable inv = sd.math().rsqrt(variance.add(eps));
        return centered.mul(inv).mul(gamma).add(beta);
    }

    /**
     * Inverted dropout {@code x·mask/keep} with mask ~ Bernoulli(keep) drawn in-graph. Identity when
     * {@code rate == 0}. Training graphs pass the static {@code shape}: M2.1's legacy uniform op follows
     * ND4J's seeded RNG, while the dynamic-shape {@code DistributionUniform} also depends on the graph
     * instance, which would make a resumed run draw different masks.
     */
    public static SDVariable dropout(SameDiff sd, SDVariable x, double rate, long... shape) {
        if (rate <= 0) {
            return x;
        }
        double keep = 1.0 - rate;
        SDVariable u = uniform(sd, x, shape);
        SDVariable mask = sd.lt(u, sd.constant(keep).castTo(x.dataType())).castTo(x.dataType());
        return x.mul(mask).mul(1.0 / keep);
    }

    /** U(0,1) noise shaped like {@code like}: static (reproducible) when {@code shape} is given. */
    public static SDVariable uniform(SameDiff sd, SDVariable like, long... shape) {
        if (shape != null && shape.length > 0) {
            return sd.random().uniform(0.0, 1.0, like.dataType(), shape);
        }
        return new DistributionUniform(sd, sd.shape(like), 0.0, 1.0, like.dataType()).outputVariable();
    }

    /** Additive attention mask [B,1,1,T]: 0 where mask == 1, a large negative number where 0. */
    public static SDVariable attentionBias(SameDiff sd, SDVariable attentionMask, DataType dtype) {
        SDVariable m = attentionMask.castTo(dtype);
        // HF adds finfo.min; any value far below the scores gives identical softmax (fixture README)
        SDVariable bias = m.rsub(1.0).mul(-1e9);
        SDVariable b = sd.sizeAt(attentionMask, 0).reshape(1).castTo(DataType.LONG);
        SDVariable t = sd.sizeAt(attentionMask, 1).reshape(1).castTo(DataType.LONG);
        SDVariable one = sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(1L));
        return sd.reshape(bias, sd.concat(0, b, one, one, t));
    }
}
