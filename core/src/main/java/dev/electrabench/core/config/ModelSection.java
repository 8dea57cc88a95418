package dev.electrabench.core.config;

import static dev.electrabench.core.config.InvalidConfigValue.fraction;
import static dev.electrabench.core.config.InvalidConfigValue.positive;

/**
 * The discriminator (or BERT encoder) shape under HF {@code config.json} names. The generator is
 * derived from it ({@link GeneratorSection}).
 */
public record ModelSection(
        int vocabSize,
        int embeddingSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        double initializerRange,
        double layerNormEps) {

    public ModelSection {
        positive("vocab_size", vocabSize);
        positive("embedding_size", embeddingSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new InvalidConfigValue("num_attention_heads",
                    "must divide hidden_size " + hiddenSize + ", got " + numAttentionHeads);
        }
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("type_vocab_size", typeVocabSize);
        fraction("hidden_dropout_prob", hiddenDropoutProb);
        fraction("attention_probs_dropout_prob", attentionProbsDropoutProb);
        positive("initializer_range", initializerRange);
        positive("layer_norm_eps", layerNormEps);
    }

    /**
     * ELECTRA-Small ({@code configure_pretraining.py} model_size "small", embedding 128;
     * {@code get_bert_config}: 4 heads, FFN 4·256): 12 layers, hidden 256.
     */
    public static ModelSection electraSmall() {
        return new ModelSection(30522, 128, 256, 12, 4, 1024, 512, 2, 0.1, 0.1, 0.02, 1e-12);
    }
}
