package dev.electrabench.core.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transformer's hyper-parameters with HuggingFace {@code config.json} field names, so our checkpoints
 * and HF's read each other's configs. Fields we do not model (e.g. {@code id2label},
 * {@code transformers_version}) are kept and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"architectures", "model_type", "vocab_size", "embedding_size", "hidden_size",
    "num_hidden_layers", "num_attention_heads", "intermediate_size", "hidden_act",
    "max_position_embeddings", "type_vocab_size", "layer_norm_eps", "hidden_dropout_prob",
    "attention_probs_dropout_prob", "initializer_range", "num_labels", "pad_token_id"})
public final class TransformerConfig {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("architectures") public List<String> architectures = new ArrayList<>();
    @JsonProperty("model_type") public String modelType = "electra";
    @JsonProperty("vocab_size") public int vocabSize = 30522;
    /** Null means "same as hidden_size" (BERT has no factorised embedding). */
    @JsonProperty("embedding_size") public Integer embeddingSize;
    @JsonProperty("hidden_size") public int hiddenSize = 256;
    @JsonProperty("num_hidden_layers") public int numHiddenLayers = 12;
    @JsonProperty("num_attention_heads") public int numAttentionHeads = 4;
    @JsonProperty("intermediate_size") public int intermediateSize = 1024;
    @JsonProperty("hidden_act") public String hiddenAct = "gelu";
    @JsonProperty("max_position_embeddings") public int maxPositionEmbeddings = 512;
    @JsonProperty("type_vocab_size") public int typeVocabSize = 2;
    @JsonProperty("layer_norm_eps") public double layerNormEps = 1e-12;
    @JsonProperty("hidden_dropout_prob") public double hiddenDropoutProb = 0.1;
    @JsonProperty("attention_probs_dropout_prob") public double attentionProbsDropoutProb = 0.1;
    @JsonProperty("initializer_range") public double initializerRange = 0.02;
    /** Null means "derive from id2label, else 2". */
    @JsonProperty("num_labels") public Integer numLabels;
    @JsonProperty("pad_token_id") public Integer padTokenId = 0;

    private final Map<String, Object> other = new LinkedHashMap<>();

    @JsonAnySetter
    void setOther(String key, Object value) {
        other.put(key, value);
    }

    @JsonAnyGetter
    Map<String, Object> getOther() {
        return other;
    }

    /** Fields we keep but do not interpret. */
    @JsonIgnore
    public Map<String, Object> otherFields() {
        return other;
    }

    @JsonIgnore
    public int embeddingSize() {
        return embeddingSize == null ? hiddenSize : embeddingSize;
    }

    @JsonIgnore
    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    @JsonIgnore
    public String architecture() {
        return architectures == null || architectures.isEmpty() ? null : architectures.get(0);
    }

    @JsonIgnore
    public int labelCount() {
        if (numLabels != null) {
            return numLabels;
        }
        Object id2label = other.get("id2label");
        if (id2label instanceof Map<?, ?> m && !m.isEmpty()) {
            return m.size();
        }
        return 2;
    }

    /**
     * Names the classes of a classification head: {@code id2label} {"0": name, ...} and {@code label2id}
     * {name: 0, ...}, as HF writes them (an empty list removes both).
     */
    public void setLabelNames(List<String> names) {
        other.remove("id2label");
        other.remove("label2id");
        if (names.isEmpty()) {
            return;
        }
        Map<String, String> id2label = new LinkedHashMap<>();
        Map<String, Integer> label2id = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            id2label.put(Integer.toString(i), names.get(i));
            label2id.put(names.get(i), i);
        }
        other.put("id2label", id2label);
        other.put("label2id", label2id);
    }

    /** Checks sizes; returns the first problem found, or null. */
    public String problem() {
        if (vocabSize <= 0) return "vocab_size must be > 0 (got " + vocabSize + ")";
        if (hiddenSize <= 0) return "hidden_size must be > 0 (got " + hiddenSize + ")";
        if (embeddingSize != null && embeddingSize <= 0) return "embedding_size must be > 0 (got " + embeddingSize + ")";
        if (numHiddenLayers <= 0) return "num_hidden_layers must be > 0 (got " + numHiddenLayers + ")";
        if (numAttentionHeads <= 0) return "num_attention_heads must be > 0 (got " + numAttentionHeads + ")";
        if (hiddenSize % numAttentionHeads != 0) {
            return "hidden_size " + hiddenSize + " is not divisible by num_attention_heads " + numAttentionHeads;
        }
        if (intermediateSize <= 0) return "intermediate_size must be > 0 (got " + intermediateSize + ")";
        if (maxPositionEmbeddings <= 0) return "max_position_embeddings must be > 0 (got " + maxPositionEmbeddings + ")";
        if (typeVocabSize <= 0) return "type_vocab_size must be > 0 (got " + typeVocabSize + ")";
        if (!(layerNormEps >= 0)) return "layer_norm_eps must be >= 0 (got " + layerNormEps + ")";
        if (!(hiddenDropoutProb >= 0 && hiddenDropoutProb < 1)) return "hidden_dropout_prob must be in [0, 1)";
        if (!(attentionProbsDropoutProb >= 0 && attentionProbsDropoutProb < 1)) {
            return "attention_probs_dropout_prob must be in [0, 1)";
        }
        if (!(initializerRange > 0)) return "initializer_range must be > 0";
        if (numLabels != null && numLabels <= 0) return "num_labels must be > 0 (got " + numLabels + ")";
        if (hiddenAct != null && !hiddenAct.equals("gelu")) {
            return "hidden_act '" + hiddenAct + "' is not supported (only exact \"gelu\")";
        }
        return null;
    }

    /** Throws a UserException naming {@code source} when the config is invalid. */
    public TransformerConfig validate(Path source) {
        String p = problem();
        if (p != null) {
            throw UserException.in(source, p);
        }
        return this;
    }

    public static TransformerConfig read(Path file) {
        try {
            return JSON.readValue(file.toFile(), TransformerConfig.class).validate(file);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw UserException.in(file, "config file not found");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new UserException(file + where + ": malformed config.json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw UserException.in(file, "cannot read config: " + e.getMessage());
        }
    }

    public void write(Path file) {
        try {
            AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encoder a run config's {@code model:} section describes. */
    public static TransformerConfig of(ModelSection m, String architecture) {
        TransformerConfig c = new TransformerConfig();
        c.architectures = new ArrayList<>(List.of(architecture));
        c.vocabSize = m.vocabSize();
        c.embeddingSize = m.embeddingSize();
        c.hiddenSize = m.hiddenSize();
        c.numHiddenLayers = m.numHiddenLayers();
        c.numAttentionHeads = m.numAttentionHeads();
        c.intermediateSize = m.intermediateSize();
        c.maxPositionEmbeddings = m.maxPositionEmbeddings();
        c.typeVocabSize = m.typeVocabSize();
        c.hiddenDropoutProb = m.hiddenDropoutProb();
        c.attentionProbsDropoutProb = m.attentionProbsDropoutProb();
        c.initializerRange = m.initializerRange();
        c.layerNormEps = m.layerNormEps();
        return c;
    }

    public TransformerConfig copy() {
        try {
            return JSON.readValue(JSON.writeValueAsBytes(this), TransformerConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
