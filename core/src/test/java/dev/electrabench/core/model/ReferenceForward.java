package dev.electrabench.core.model;

import dev.electrabench.core.config.TransformerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An independent float64 forward pass in plain loops, written from hf-tiny/README.md "Forward pass
 * conventions" and HF's tensor names only (no SameDiff, no {@link Architecture} or {@link Heads} code),
 * so that {@link TransformerModel#forward} can be checked on shapes the HF fixtures do not cover.
 */
final class ReferenceForward {
    /** HF's additive mask value for padded keys: torch.finfo(float32).min. */
    private static final double MASKED = -3.4028234663852886e38;

    /** Outputs per row b: [b][t][feature]; logits flattened row-major with their shape. */
    record Output(double[][][] embeddingLayerNorm, double[][][] encoderInput, List<double[][][]> hiddenStates,
                  double[] logits, long[] logitsShape) {}

    private final TransformerConfig c;
    private final String hfClass;
    private final Map<String, double[]> w = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();

    ReferenceForward(TransformerConfig config, String hfClass, Map<String, INDArray> weights) {
        this.c = config;
        this.hfClass = hfClass;
        weights.forEach((name, a) -> {
            w.put(name, a.castTo(DataType.DOUBLE).dup('c').data().asDouble());
            shapes.put(name, a.shape());
        });
    }

    Output run(int[][] ids, int[][] types, int[][] mask) {
        int b = ids.length;
        boolean bert = hfClass.startsWith("Bert");
        String p = bert ? "bert" : "electra";
        int e = c.embeddingSize == null ? c.hiddenSize : c.embeddingSize;
        int h = c.hiddenSize;
        double[][][] embLn = new double[b][][];
        double[][][] encIn = new double[b][][];
        List<double[][][]> hidden = new ArrayList<>();
        for (int l = 0; l < c.numHiddenLayers; l++) {
            hidden.add(new double[b][][]);
        }
        List<double[]> logitRows = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            int t = ids[r].length;
            double[][] x = new double[t][e];
            double[] word = tensor(p + ".embeddings.word_embeddings.weight");
            double[] pos = tensor(p + ".embeddings.position_embeddings.weight");
            double[] type = tensor(p + ".embeddings.token_type_embeddings.weight");
            for (int i = 0; i < t; i++) {
                for (int f = 0; f < e; f++) {
                    // absolute positions 0..T-1 for every row, padding included
                    x[i][f] = word[ids[r][i] * e + f] + type[types[r][i] * e + f] + pos[i * e + f];
                }
            }
            x = layerNorm(x, p + ".embeddings.LayerNorm");
            embLn[r] = x;
            if (!bert && e != h) {
                x = linear(x, p + ".embeddings_project");
            }
            encIn[r] = x;
            for (int l = 0; l < c.numHiddenLayers; l++) {
                x = layer(x, mask[r], p + ".encoder.layer." + l + ".");
                hidden.get(l)[r] = x;
            }
            logitRows.addAll(head(x));
        }
        return new Output(embLn, encIn, hidden, concat(logitRows), logitsShape(b, ids[0].length, logitRows));
    }

    /** Post-LN BERT layer: biased q/k/v/o attention with an additive key mask, then the erf-GELU FFN. */
    private double[][] layer(double[][] x, int[] mask, String l) {
        int t = x.length;
        int h = c.hiddenSize;
        int heads = c.numAttentionHeads;
        int d = h / heads;
        double[][] q = linear(x, l + "attention.self.query");
        double[][] k = linear(x, l + "attention.self.key");
        double[][] v = linear(x, l + "attention.self.value");
        double[][] ctx = new double[t][h];
        for (int j = 0; j < heads; j++) {
            int off = j * d; // head j owns features [j·d, (j+1)·d)
            for (int i = 0; i < t; i++) {
                double[] s = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int kk = 0; kk < t; kk++) {
                    double dot = 0;
                    for (int f = 0; f < d; f++) {
                        dot += q[i][off + f] * k[kk][off + f];
                    }
                    s[kk] = dot / Math.sqrt(d) + (mask[kk] == 1 ? 0.0 : MASKED);
                    max = Math.max(max, s[kk]);
                }
                double sum = 0;
                for (int kk = 0; kk < t; kk++) {
                    s[kk] = Math.exp(s[kk] - max);
                    sum += s[kk];
                }
                for (int kk = 0; kk < t; kk++) {
                    double prob = s[kk] / sum;
                    for (int f = 0; f < d; f++) {
                        ctx[i][off + f] += prob * v[kk][off + f];
                    }
                }
            }
        }
        double[][] a = layerNorm(add(linear(ctx, l + "attention.output.dense"), x), l + "attention.output.LayerNorm");
        double[][] inner = gelu(linear(a, l + "intermediate.dense"));
        return layerNorm(add(linear(inner, l + "output.dense"), a), l + "output.LayerNorm");
    }

    /** Logit rows: one per position (or one per sequence for sequence classification). */
    private List<double[]> head(double[][] hs) {
        List<double[]> rows = new ArrayList<>();
        switch (hfClass) {
            case "ElectraForPreTraining" -> {
                double[][] z = linear(gelu(linear(hs, "discriminator_predictions.dense")), "discriminator_predictions.dense_prediction");
                for (double[] row : z) {
                    rows.add(row); // [1] per position: squeezed to [B,T]
                }
            }
            case "ElectraForMaskedLM" -> rows.addAll(List.of(
                    tiedDecoder(layerNorm(gelu(linear(hs, "generator_predictions.dense")), "generator_predictions.LayerNorm"),
                            "electra.embeddings.word_embeddings.weight", "generator_lm_head.bias")));
            case "BertForMaskedLM" -> rows.addAll(List.of(
                    tiedDecoder(layerNorm(gelu(linear(hs, "cls.predictions.transform.dense")), "cls.predictions.transform.LayerNorm"),
                            "bert.embeddings.word_embeddings.weight", "cls.predictions.bias")));
            case "ElectraForSequenceClassification" -> {
                double[][] cls = {hs[0]}; // the [CLS] position, no pooler
                boolean paper = Boolean.TRUE.equals(c.otherFields().get("electrabench_paper_classifier"));
                double[][] z = paper ? cls : gelu(linear(cls, "classifier.dense"));
                rows.add(linear(z, "classifier.out_proj")[0]);
            }
            case "ElectraForTokenClassification" -> rows.addAll(List.of(linear(hs, "classifier")));
            default -> throw new IllegalArgumentException(hfClass);
        }
        return rows;
    }

    private long[] logitsShape(int b, int t, List<double[]> rows) {
        int width = rows.get(0).length;
        return switch (hfClass) {
            case "ElectraForPreTraining" -> new long[] {b, t};
            case "ElectraForSequenceClassification" -> new long[] {b, width};
            default -> new long[] {b, t, width};
        };
    }

    /** z · Eᵀ + bias with E the word-embedding table [V, E]. */
    private double[][] tiedDecoder(double[][] z, String table, String bias) {
        return affine(z, tensor(table), shapes.get(table), tensor(bias));
    }

    /** HF Linear: x · Wᵀ + b with W stored [out, in]. */
    private double[][] linear(double[][] x, String name) {
        return affine(x, tensor(name + ".weight"), shapes.get(name + ".weight"), tensor(name + ".bias"));
    }

    private static double[][] affine(double[][] x, double[] weight, long[] shape, double[] bias) {
        int out = (int) shape[0];
        int in = (int) shape[1];
        if (x[0].length != in) {
            throw new IllegalStateException("input width " + x[0].length + " but weight is " + out + "x" + in);
        }
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int f = 0; f < in; f++) {
                    s += x[i][f] * weight[o * in + f];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    /** (x − mean)/sqrt(var + eps)·γ + β over the last axis, biased variance. */
    private double[][] layerNorm(double[][] x, String name) {
        double[] gamma = tensor(name + ".weight");
        double[] beta = tensor(name + ".bias");
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            int n = x[i].length;
            double mean = 0;
            for (double v : x[i]) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean);
            }
            var /= n;
            double inv = 1.0 / Math.sqrt(var + c.layerNormEps);
            y[i] = new double[n];
            for (int f = 0; f < n; f++) {
                y[i][f] = (x[i][f] - mean) * inv * gamma[f] + beta[f];
            }
        }
        return y;
    }

    /** Exact GELU 0.5·x·(1 + erf(x/√2)). */
    private static double[][] gelu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = new double[x[i].length];
            for (int f = 0; f < x[i].length; f++) {
                y[i][f] = 0.5 * x[i][f] * (1 + Erf.erf(x[i][f] / Math.sqrt(2)));
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int f = 0; f < a[i].length; f++) {
                y[i][f] = a[i][f] + b[i][f];
            }
        }
        return y;
    }

    private static double[] concat(List<double[]> rows) {
        int n = 0;
        for (double[] r : rows) {
            n += r.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }

    private double[] tensor(String name) {
        double[] t = w.get(name);
        if (t == null) {
            throw new IllegalStateException("the model has no tensor " + name);
        }
        return t;
    }
}
