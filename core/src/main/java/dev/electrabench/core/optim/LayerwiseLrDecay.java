package dev.electrabench.core.optim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ELECTRA's fine-tuning layer-wise learning rates ({@code _get_layer_lrs}): a parameter at depth d
 * gets {@code lr · decay^(n + 2 − d)} with
 * <ul>
 *   <li>d = 0 for the embeddings and {@code embeddings_project},</li>
 *   <li>d = i + 1 for encoder layer i (0-based),</li>
 *   <li>d = n + 2 for everything outside the backbone (the task heads).</li>
 * </ul>
 * Depth n + 1 belonged to BERT's pooler, which ELECTRA removed without shifting the table
 * (google-research/electra issues #51, #64): the top transformer layer therefore gets decay², not
 * decay. We keep that off-by-one to match ELECTRA's numbers, and map a BERT pooler
 * ({@code bert.pooler.*}), where present, to n + 1.
 *
 * <p>Names are HF tensor names: the backbone is {@code electra.*} or {@code bert.*} (or the same
 * names without the prefix, as in a bare encoder checkpoint); a backbone name that fits none of the
 * depths above is an error rather than silently getting the head's rate.
 */
public final class LayerwiseLrDecay {
    private static final Pattern BACKBONE =
            Pattern.compile("^(?:(?:electra|bert)\\.)?(embeddings|embeddings_project|encoder|pooler)\\.(.*)$");
    private static final Pattern LAYER = Pattern.compile("^layer\\.(\\d+)\\..+$");

    private LayerwiseLrDecay() {}

    /** ELECTRA's depth of {@code name} in an encoder of {@code numLayers} layers. */
    public static int depth(String name, int numLayers) {
        if (numLayers <= 0) {
            throw new IllegalArgumentException("number of layers must be > 0: " + numLayers);
        }
        Matcher b = BACKBONE.matcher(name);
        if (!b.matches()) {
            if (name.startsWith("electra.") || name.startsWith("bert.")) {
                throw new IllegalArgumentException("no layer-wise depth for backbone parameter " + name);
            }
            return numLayers + 2; // task-specific head
        }
        switch (b.group(1)) {
            case "embeddings":
            case "embeddings_project":
                return 0;
            case "pooler":
                return numLayers + 1;
            default:
                Matcher l = LAYER.matcher(b.group(2));
                if (!l.matches()) {
                    throw new IllegalArgumentException("no layer-wise depth for encoder parameter " + name);
                }
                int layer = Integer.parseInt(l.group(1));
                if (layer >= numLayers) {
                    throw new IllegalArgumentException(
                            name + ": layer " + layer + " does not exist in a " + numLayers + "-layer encoder");
                }
                return layer + 1;
        }
    }

    /** The LR multiplier {@code decay^(n + 2 − depth)} for {@code name}. */
    public static double multiplier(String name, int numLayers, double decay) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("layer-wise LR decay must be in (0, 1]: " + decay);
        }
        return Math.pow(decay, numLayers + 2 - depth(name, numLayers));
    }

    /** Sets the multiplier of every parameter registered in {@code optimizer}. */
    public static void apply(AdamW optimizer, int numLayers, double decay) {
        for (String name : optimizer.parameterNames()) {
            optimizer.setLrMultiplier(name, multiplier(name, numLayers, decay));
        }
    }
}
