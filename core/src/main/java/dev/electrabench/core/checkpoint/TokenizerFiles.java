package dev.electrabench.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.text.Vocab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tokenizer files HF's {@code AutoTokenizer.from_pretrained} reads from a model folder, written for our
 * WordPiece tokenizer, which follows bert-base-uncased (lower-cased, accents stripped, CJK split):
 * {@code vocab.txt} (one token per line, id = line number), {@code tokenizer_config.json} and
 * {@code special_tokens_map.json}.
 */
public final class TokenizerFiles {
    public static final String VOCAB = "vocab.txt";
    public static final String CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS = "special_tokens_map.json";
    /** Every tokenizer file a folder may hold (HF's fast tokenizer adds tokenizer.json); copied on convert. */
    public static final List<String> NAMES = List.of(VOCAB, CONFIG, SPECIAL_TOKENS, "tokenizer.json", "added_tokens.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenizerFiles() {}

    /**
     * Writes the three files into {@code dir}.
     *
     * @param modelType      "bert" or "electra": picks HF's tokenizer class (both are the same WordPiece)
     * @param modelMaxLength the longest input the model takes (its max_position_embeddings)
     */
    public static void write(Path dir, Vocab vocab, String modelType, int modelMaxLength) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int id = 0; id < vocab.size(); id++) {
            lines.append(vocab.token(id)).append('\n');
        }
        Files.writeString(dir.resolve(VOCAB), lines, StandardCharsets.UTF_8);

        ObjectNode special = specialTokens();
        ObjectNode config = JSON.createObjectNode();
        config.put("tokenizer_class", modelType.equals("bert") ? "BertTokenizer" : "ElectraTokenizer");
        config.put("do_lower_case", true);
        config.put("strip_accents", (String) null); // null = follow do_lower_case, as bert-base-uncased
        config.put("tokenize_chinese_chars", true);
        config.put("model_max_length", modelMaxLength);
        config.setAll(special);
        JSON.writeValue(dir.resolve(CONFIG).toFile(), config);
        JSON.writeValue(dir.resolve(SPECIAL_TOKENS).toFile(), special);
    }

    /** The special tokens our tokenizer and masking use (Vocab.load requires all five). */
    private static ObjectNode specialTokens() {
        ObjectNode n = JSON.createObjectNode();
        n.put("unk_token", Vocab.UNK);
        n.put("sep_token", Vocab.SEP);
        n.put("pad_token", Vocab.PAD);
        n.put("cls_token", Vocab.CLS);
        n.put("mask_token", Vocab.MASK);
        return n;
    }
}
