package dev.electrabench.core.model;

import dev.electrabench.core.config.TransformerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The HF architectures we read and write, dispatched on {@code config.json}'s {@code architectures}. */
public enum Architecture {
    ELECTRA_FOR_PRETRAINING("ElectraForPreTraining", "electra"),
    ELECTRA_FOR_MASKED_LM("ElectraForMaskedLM", "electra"),
    BERT_FOR_MASKED_LM("BertForMaskedLM", "bert"),
    ELECTRA_FOR_SEQUENCE_CLASSIFICATION("ElectraForSequenceClassification", "electra"),
    ELECTRA_FOR_TOKEN_CLASSIFICATION("ElectraForTokenClassification", "electra"),
    ELECTRA_FOR_QUESTION_ANSWERING("ElectraForQuestionAnswering", "electra"),
    /** BERT's pooler head: tanh(dense([CLS])) → dropout → classifier; published BERT fine-tunes carry it. */
    BERT_FOR_SEQUENCE_CLASSIFICATION("BertForSequenceClassification", "bert"),
    BERT_FOR_TOKEN_CLASSIFICATION("BertForTokenClassification", "bert"),
    BERT_FOR_QUESTION_ANSWERING("BertForQuestionAnswering", "bert");

    /** What an architecture's head computes, whichever encoder family carries it. */
    public enum Head { DISCRIMINATOR, MASKED_LM, SEQUENCE_CLASSIFICATION, TOKEN_CLASSIFICATION, QUESTION_ANSWERING }

    /** Config key selecting the ELECTRA paper's classifier (dropout + one dense) instead of HF's. */
    public static final String PAPER_HEAD_KEY = "electrabench_paper_classifier";

    private final String hfName;
    private final String backbone;

    Architecture(String hfName, String backbone) {
        this.hfName = hfName;
        this.backbone = backbone;
    }

    public String hfName() {
        return hfName;
    }

    /** State-dict prefix of the encoder: "electra" or "bert". */
    public String backbone() {
        return backbone;
    }

    public String modelType() {
        return backbone;
    }

    public Head head() {
        return switch (this) {
            case ELECTRA_FOR_PRETRAINING -> Head.DISCRIMINATOR;
            case ELECTRA_FOR_MASKED_LM, BERT_FOR_MASKED_LM -> Head.MASKED_LM;
            case ELECTRA_FOR_SEQUENCE_CLASSIFICATION, BERT_FOR_SEQUENCE_CLASSIFICATION -> Head.SEQUENCE_CLASSIFICATION;
            case ELECTRA_FOR_TOKEN_CLASSIFICATION, BERT_FOR_TOKEN_CLASSIFICATION -> Head.TOKEN_CLASSIFICATION;
            case ELECTRA_FOR_QUESTION_ANSWERING, BERT_FOR_QUESTION_ANSWERING -> Head.QUESTION_ANSWERING;
        };
    }

    /** The architecture of {@code head} on this family's encoder ({@code "electra"} or {@code "bert"}). */
    public static Architecture of(String backbone, Head head) {
        for (Architecture a : values()) {
            if (a.backbone.equals(backbone) && a.head() == head) {
                return a;
            }
        }
        throw new IllegalArgumentException("no " + backbone + " architecture with a " + head + " head");
    }

    public String wordEmbeddings() {
        return backbone + ".embeddings.word_embeddings.weight";
    }

    /** Returns null for an unknown name. */
    public static Architecture fromHfName(String name) {
        for (Architecture a : values()) {
            if (a.hfName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    public static String knownNames() {
        List<String> names = new ArrayList<>();
        for (Architecture a : values()) {
            names.add(a.hfName);
        }
        return String.join(", ", names);
    }

    /** Tied weights HF does not store: name → the stored tensor it equals. */
    public Map<String, String> tiedWeights() {
        return switch (this) {
            case ELECTRA_FOR_MASKED_LM -> Map.of("generator_lm_head.weight", wordEmbeddings());
            case BERT_FOR_MASKED_LM -> Map.of("cls.predictions.decoder.weight", wordEmbeddings(),
                    "cls.predictions.decoder.bias", "cls.predictions.bias");
            default -> Map.of();
        };
    }

    public static boolean paperHead(TransformerConfig c) {
        return Boolean.TRUE.equals(c.otherFields().get(PAPER_HEAD_KEY));
    }

    /** Every stored tensor of this architecture, in HF names and shapes. */
    public List<ParamSpec> specs(TransformerConfig c) {
        List<ParamSpec> specs = new ArrayList<>(TransformerEncoderGraph.embeddingSpecs(c, backbone));
        // BERT has no factorised embedding; ELECTRA projects E→H when they differ
        specs.addAll(TransformerEncoderGraph.bodySpecs(c, backbone, backbone.equals("electra")));
        specs.addAll(headSpecs(c));
        return specs;
    }

    public List<ParamSpec> headSpecs(TransformerConfig c) {
        return switch (this) {
            case ELECTRA_FOR_PRETRAINING -> Heads.discriminatorSpecs(c);
            case ELECTRA_FOR_MASKED_LM -> Heads.maskedLmSpecs(c, Heads.MlmNames.ELECTRA_GENERATOR);
            case BERT_FOR_MASKED_LM -> Heads.maskedLmSpecs(c, Heads.MlmNames.BERT);
            case ELECTRA_FOR_SEQUENCE_CLASSIFICATION -> Heads.sequenceClassificationSpecs(c, paperHead(c));
            case ELECTRA_FOR_TOKEN_CLASSIFICATION -> Heads.tokenClassificationSpecs(c);
            case ELECTRA_FOR_QUESTION_ANSWERING, BERT_FOR_QUESTION_ANSWERING -> Heads.questionAnsweringSpecs(c);
            case BERT_FOR_SEQUENCE_CLASSIFICATION -> Heads.poolerClassificationSpecs(c);
            case BERT_FOR_TOKEN_CLASSIFICATION -> Heads.tokenClassificationSpecs(c);
        };
    }

    /**
     * The head's logits: discriminator [B·T], MLM [B·T, V], sequence classification [B, C],
     * token classification [B·T, C], question answering [B·T, 2] (start, end).
     */
    public SDVariable logits(SameDiff sd, Parameters p, TransformerConfig c, TransformerEncoderGraph.Outputs enc,
                             TransformerEncoderGraph.Inputs in, boolean training) {
        SDVariable h = enc.last();
        return switch (this) {
            case ELECTRA_FOR_PRETRAINING -> Heads.discriminator(sd, p, h);
            case ELECTRA_FOR_MASKED_LM -> Heads.maskedLm(sd, p, c, Heads.MlmNames.ELECTRA_GENERATOR, h, wordEmbeddings());
            case BERT_FOR_MASKED_LM -> Heads.maskedLm(sd, p, c, Heads.MlmNames.BERT, h, wordEmbeddings());
            case ELECTRA_FOR_SEQUENCE_CLASSIFICATION -> Heads.sequenceClassification(sd, p, c, h, in, paperHead(c), training);
            case ELECTRA_FOR_TOKEN_CLASSIFICATION -> Heads.tokenClassification(sd, p, c, h, in, training);
            case ELECTRA_FOR_QUESTION_ANSWERING, BERT_FOR_QUESTION_ANSWERING -> Heads.questionAnswering(sd, p, h);
            case BERT_FOR_SEQUENCE_CLASSIFICATION -> Heads.poolerClassification(sd, p, c, h, in, training);
            case BERT_FOR_TOKEN_CLASSIFICATION -> Heads.tokenClassification(sd, p, c, h, in, training);
        };
    }
}
