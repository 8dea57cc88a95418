package dev.electrabench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.fixtures.HfFixture;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.text.Vocab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HfCheckpoint#save(TransformerModel, Path, Vocab)} writes the files HF's AutoTokenizer reads. */
class TokenizerFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "##s", "é");

    @Test
    void savedFolderHasVocabAndTokenizerConfig(@TempDir Path tmp) throws IOException {
        TransformerModel bert = HfCheckpoint.load(HfFixture.folder("bert-mlm"));
        Path dir = tmp.resolve("bert");
        HfCheckpoint.save(bert, dir, new Vocab(TOKENS));

        assertEquals(TOKENS, Files.readAllLines(dir.resolve(TokenizerFiles.VOCAB)), "one token per line, id = line");
        assertEquals(TOKENS.size(), Vocab.load(dir.resolve(TokenizerFiles.VOCAB)).size());
        JsonNode config = JSON.readTree(dir.resolve(TokenizerFiles.CONFIG).toFile());
        assertEquals("BertTokenizer", config.get("tokenizer_class").asText());
        assertTrue(config.get("do_lower_case").asBoolean());
        assertEquals(bert.config().maxPositionEmbeddings, config.get("model_max_length").asInt());
        assertEquals("[MASK]", config.get("mask_token").asText());
        JsonNode special = JSON.readTree(dir.resolve(TokenizerFiles.SPECIAL_TOKENS).toFile());
        assertEquals(JSON.readTree("{\"unk_token\":\"[UNK]\",\"sep_token\":\"[SEP]\",\"pad_token\":\"[PAD]\","
                + "\"cls_token\":\"[CLS]\",\"mask_token\":\"[MASK]\"}"), special);
        // the weights are unchanged by the extra files
        assertEquals(Safetensors.read(HfFixture.folder("bert-mlm").resolve(HfCheckpoint.WEIGHTS)),
                Safetensors.read(dir.resolve(HfCheckpoint.WEIGHTS)));
    }

    @Test
    void withoutVocabularyNoTokenizerFiles(@TempDir Path tmp) {
        Path dir = tmp.resolve("disc");
        HfCheckpoint.save(HfCheckpoint.load(HfFixture.folder("electra-discriminator")), dir);
        for (String f : List.of(TokenizerFiles.VOCAB, TokenizerFiles.CONFIG, TokenizerFiles.SPECIAL_TOKENS)) {
            assertFalse(Files.exists(dir.resolve(f)), f);
        }
    }
}
