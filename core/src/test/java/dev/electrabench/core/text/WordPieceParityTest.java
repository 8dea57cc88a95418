package dev.electrabench.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.runtime.DataDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the HF reference fixtures (shared/fixtures/tokenizer/wordpiece_cases.json, produced by
 * HF tokenizers' BertTokenizer with the bert-base-uncased vocab) must come out identical: ids, tokens,
 * token type ids and attention mask, with the case's truncation and padding settings.
 */
class WordPieceParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void loadVocab() {
        tokenizer = new WordPieceTokenizer(Vocab.load(vocabFile()));
    }

    static Path vocabFile() {
        return DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt");
    }

    static JsonNode fixture() throws IOException {
        return JSON.readTree(DataDir.fixtures().resolve("tokenizer/wordpiece_cases.json").toFile());
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : fixture().get("cases")) {
            out.add(Arguments.of(c.get("id").asText(), c));
        }
        return out.stream();
    }

    @Test
    void fixtureHasAllCasesAndOurSpecialIds() throws IOException {
        JsonNode root = fixture();
        assertEquals(69, root.get("cases").size());
        assertEquals(root.get("vocab").get("size").asInt(), tokenizer.vocab().size());
        root.get("special_ids").fields().forEachRemaining(
                e -> assertEquals(e.getValue().asInt(), tokenizer.vocab().id(e.getKey()), e.getKey()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesHuggingFace(String id, JsonNode c) {
        String pair = c.hasNonNull("text_pair") ? c.get("text_pair").asText() : null;
        int maxLength = c.hasNonNull("max_length") ? c.get("max_length").asInt() : 0;
        boolean pad = "max_length".equals(c.path("padding").asText(null));

        Encoding e = tokenizer.encode(c.get("text").asText(), pair, maxLength, pad);

        assertArrayEquals(strings(c.get("tokens")), e.tokens(), "tokens");
        assertArrayEquals(ints(c.get("input_ids")), e.inputIds(), "input_ids");
        assertArrayEquals(ints(c.get("token_type_ids")), e.tokenTypeIds(), "token_type_ids");
        assertArrayEquals(ints(c.get("attention_mask")), e.attentionMask(), "attention_mask");
        assertEquals(e.length(), e.offsets().length, "one offset pair per token");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void untruncatedCountsMatchHuggingFace(String id, JsonNode c) {
        JsonNode counts = c.get("untruncated_wordpiece_counts");
        if (counts == null || counts.isNull()) {
            return; // only recorded for the truncation cases
        }
        assertEquals(counts.get(0).asInt(), tokenizer.tokenize(c.get("text").asText()).size(), "len(A)");
        if (c.hasNonNull("text_pair")) {
            assertEquals(counts.get(1).asInt(), tokenizer.tokenize(c.get("text_pair").asText()).size(), "len(B)");
        }
    }

    private static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
