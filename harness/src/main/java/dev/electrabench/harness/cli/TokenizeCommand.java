package dev.electrabench.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.text.Encoding;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench tokenize}: WordPiece-encodes a JSONL file the way HF's BertTokenizer does, so
 * the two can be diffed. Each input line {@code {"text", "text_pair"?, "max_length"?}} comes out with
 * its own fields plus input_ids, token_type_ids, attention_mask, tokens and offsets; a max_length
 * truncates longest-first and pads to that length.
 */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "WordPiece-tokenize a JSONL file (one {\"text\", \"text_pair\"?, \"max_length\"?} per line).")
public final class TokenizeCommand implements Callable<Integer> {
    @Option(names = "--vocab", required = true, paramLabel = "FILE", description = "BERT vocabulary, one token per line.")
    Path vocab;

    @Option(names = "--input", required = true, paramLabel = "IN.jsonl", description = "Texts to tokenize.")
    Path input;

    @Option(names = "--out", paramLabel = "OUT.jsonl", description = "Where to write the encodings; - = stdout. (required)")
    Path output;

    /** The option's old name, still read, no longer shown. */
    @Option(names = "--output", hidden = true, paramLabel = "OUT.jsonl")
    void oldOutputName(Path p) {
        output = p;
    }

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public Integer call() {
        if (output == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=OUT.jsonl'");
        }
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocab.load(vocab));
        if (!Files.isRegularFile(input)) {
            throw UserException.in(input, "input file not found");
        }
        long[] written = {0};
        OutputFile.write(output, spec, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            written[0] = tokenizeLines(tokenizer, writer);
            writer.flush(); // AtomicFiles closes the stream
        });
        PrintWriter summary = OutputFile.summary(output, spec);
        summary.println("tokenized " + written[0] + " lines -> " + output);
        summary.flush();
        return 0;
    }

    private long tokenizeLines(WordPieceTokenizer tokenizer, Writer writer) throws IOException {
        long lineNo = 0;
        long written = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode record = parse(line, lineNo);
                writer.write(json.writeValueAsString(encode(tokenizer, record, lineNo)));
                writer.write('\n');
                written++;
            }
        } catch (CharacterCodingException e) {
            throw UserException.at(input, lineNo + 1, "not valid UTF-8");
        }
        return written;
    }

    private ObjectNode parse(String line, long lineNo) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw UserException.at(input, lineNo, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode record)) {
            throw UserException.at(input, lineNo, "expected a JSON object");
        }
        return record;
    }

    private ObjectNode encode(WordPieceTokenizer tokenizer, ObjectNode record, long lineNo) {
        JsonNode text = record.get("text");
        if (text == null || text.isNull()) {
            throw UserException.at(input, lineNo, "missing \"text\"");
        }
        if (!text.isTextual()) {
            throw UserException.at(input, lineNo, "\"text\" must be a string");
        }
        JsonNode pairNode = record.get("text_pair");
        String pair = null;
        if (pairNode != null && !pairNode.isNull()) {
            if (!pairNode.isTextual()) {
                throw UserException.at(input, lineNo, "\"text_pair\" must be a string");
            }
            pair = pairNode.asText();
        }
        int maxLength = 0;
        JsonNode maxNode = record.get("max_length");
        if (maxNode != null && !maxNode.isNull()) {
            int specials = pair == null ? 2 : 3;
            if (!maxNode.canConvertToInt() || !maxNode.isIntegralNumber() || maxNode.asInt() < specials) {
                throw UserException.at(input, lineNo,
                        "\"max_length\" must be an integer >= " + specials + ", got " + maxNode);
            }
            maxLength = maxNode.asInt();
        }
        Encoding e = tokenizer.encode(text.asText(), pair, maxLength, maxLength > 0);
        ArrayNode ids = record.putArray("input_ids");
        ArrayNode types = record.putArray("token_type_ids");
        ArrayNode mask = record.putArray("attention_mask");
        ArrayNode tokens = record.putArray("tokens");
        ArrayNode offsets = record.putArray("offsets");
        for (int i = 0; i < e.length(); i++) {
            ids.add(e.inputIds()[i]);
            types.add(e.tokenTypeIds()[i]);
            mask.add(e.attentionMask()[i]);
            tokens.add(e.tokens()[i]);
            offsets.addArray().add(e.offsets()[i][0]).add(e.offsets()[i][1]);
        }
        return record;
    }
}
