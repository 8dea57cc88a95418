package dev.electrabench.core.model;

import dev.electrabench.core.config.TransformerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A config, an architecture and its weights; runs the eval-mode (dropout-free) forward pass. */
public final class TransformerModel {
    private final TransformerConfig config;
    private final Architecture architecture;
    private final Parameters parameters;
    private SameDiff inference;

    public TransformerModel(TransformerConfig config, Architecture architecture, Parameters parameters) {
        this.config = config;
        this.architecture = architecture;
        this.parameters = parameters;
    }

    /** Fresh HF-style initialisation, reproducible from the seed. */
    public static TransformerModel initialize(TransformerConfig config, Architecture architecture, long seed) {
        Parameters p = Parameters.initialize(architecture.specs(config), config.initializerRange, seed, Nd4j.defaultFloatingPointType());
        return new TransformerModel(config, architecture, p);
    }

    public TransformerConfig config() {
        return config;
    }

    public Architecture architecture() {
        return architecture;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Eval-mode outputs. Hidden-state tensors are [B,T,features]; logits as {@link Architecture#logits} reshaped per row. */
    public record Forward(INDArray embeddingLayerNorm, INDArray encoderInput, List<INDArray> hiddenStates, INDArray logits) {
        public INDArray lastHiddenState() {
            return hiddenStates.get(hiddenStates.size() - 1);
        }
    }

    public synchronized Forward forward(int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask) {
        if (inference == null) {
            inference = buildInferenceGraph();
        }
        int b = inputIds.length;
        int t = inputIds[0].length;
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("input_ids", Nd4j.createFromArray(inputIds));
        feed.put("token_type_ids", Nd4j.createFromArray(tokenTypeIds));
        feed.put("attention_mask", Nd4j.createFromArray(attentionMask));
        List<String> names = new ArrayList<>(List.of("out.embedding_ln", "out.encoder_input", "out.logits"));
        for (int i = 0; i < config.numHiddenLayers; i++) {
            names.add("out.hidden." + i);
        }
        Map<String, INDArray> out = inference.output(feed, names);
        List<INDArray> hidden = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers; i++) {
            hidden.add(out.get("out.hidden." + i).reshape(b, t, -1));
        }
        INDArray logits = out.get("out.logits");
        logits = switch (architecture.head()) {
            case DISCRIMINATOR -> logits.reshape(b, t);
            case MASKED_LM, TOKEN_CLASSIFICATION, QUESTION_ANSWERING -> logits.reshape(b, t, -1);
            case SEQUENCE_CLASSIFICATION -> logits;
        };
        return new Forward(out.get("out.embedding_ln").reshape(b, t, -1), out.get("out.encoder_input").reshape(b, t, -1), hidden, logits);
    }

    private SameDiff buildInferenceGraph() {
        SameDiff sd = SameDiff.create();
        TransformerEncoderGraph.Inputs in = TransformerEncoderGraph.Inputs.placeholders(sd);
        String bb = architecture.backbone();
        TransformerEncoderGraph.Outputs enc = TransformerEncoderGraph.build(sd, parameters, config, bb, bb, in, false);
        SDVariable logits = architecture.logits(sd, parameters, config, enc, in, false);
        enc.embeddingLayerNorm().add(0.0).rename("out.embedding_ln");
        enc.encoderInput().add(0.0).rename("out.encoder_input");
        for (int i = 0; i < enc.hiddenStates().size(); i++) {
            enc.hiddenStates().get(i).add(0.0).rename("out.hidden." + i);
        }
        logits.rename("out.logits");
        return sd;
    }

    /** Drops the cached graph (after replacing parameter arrays). */
    public synchronized void invalidate() {
        inference = null;
    }
}
