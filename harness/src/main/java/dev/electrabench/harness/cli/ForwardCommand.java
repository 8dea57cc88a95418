package dev.electrabench.harness.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.engine.ModelForwardEngine;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.runtime.EngineChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code electra-bench forward}: runs an HF-format checkpoint folder (eval mode) on a batch of token
 * ids and writes {@code logits} and {@code last_hidden_state} as nested lists, the way HF's model
 * outputs would be dumped, so the two can be diffed. Shapes: discriminator logits [B,T], MLM and token
 * classification [B,T,C], sequence classification [B,C]; last_hidden_state [B,T,H].
 */
@Command(
        name = "forward",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:internal error (a bug: please report the stack trace)", "2:bad input or usage: one line naming the file (and line) and the problem"},
        description = "Forward pass of an HF checkpoint folder on {\"input_ids\", \"attention_mask\"?, \"token_type_ids\"?} (batch x seq lists).")
public final class ForwardCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint folder: config.json + model.safetensors or pytorch_model.bin (either may be sharded with an index).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.json",
            description = "input_ids (required), attention_mask (default all 1), token_type_ids (default all 0).")
    Path input;

    @Option(names = "--out", paramLabel = "OUT.json", description = "Where to write logits and last_hidden_state; - = stdout. (required)")
    Path output;

    /** The option's old name, still read, no longer shown. */
    @Option(names = "--output", hidden = true, paramLabel = "OUT.json")
    void oldOutputName(Path p) {
        output = p;
    }

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A rectangular batch: every array is [rows][length]. */
    record Batch(int[][] inputIds, int[][] tokenTypeIds, int[][] attentionMask) {
        int rows() {
            return inputIds.length;
        }

        int length() {
            return inputIds[0].length;
        }
    }

    @Override
    public Integer call() {
        if (output == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=OUT.json'");
        }
        JsonNode root = readJson();
        Batch batch = batchOf(root);
        TransformerModel m = HfCheckpoint.load(model);
        checkRanges(batch, m.config());
        INDArray logits;
        INDArray hidden;
        if (EngineChoice.useEngine()) {
            ModelForwardEngine.Outputs f = ModelForwardEngine.forward(m, batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask());
            logits = f.logits();
            hidden = f.lastHiddenState();
        } else {
            TransformerModel.Forward f = m.forward(batch.inputIds(), batch.tokenTypeIds(), batch.attentionMask());
            logits = f.logits();
            hidden = f.lastHiddenState();
        }
        OutputFile.write(output, spec, out -> {
            try (JsonGenerator g = JSON.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                g.writeStartObject();
                g.writeFieldName("logits");
                writeNested(g, logits);
                g.writeFieldName("last_hidden_state");
                writeNested(g, hidden);
                g.writeEndObject();
            }
        });
        PrintWriter summary = OutputFile.summary(output, spec);
        summary.println("forward: " + m.architecture().hfName() + " on " + batch.rows() + "x" + batch.length()
                + " tokens -> " + output + " (logits " + Arrays.toString(logits.shape())
                + ", last_hidden_state " + Arrays.toString(hidden.shape()) + ")");
        summary.flush();
        return 0;
    }

    private JsonNode readJson() {
        try (InputStream in = Files.newInputStream(input)) {
            JsonNode root = JSON.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw UserException.in(input, "empty file; expected a JSON object with \"input_ids\"");
            }
            if (!root.isObject()) {
                throw UserException.in(input, "expected a JSON object with \"input_ids\", got " + root.getNodeType().name().toLowerCase());
            }
            return root;
        } catch (NoSuchFileException e) {
            throw UserException.in(input, "input file not found");
        } catch (JsonProcessingException e) {
            // Jackson cites other positions as "[Source: ...; line: L, column: C]": keep only the position
            String problem = "not valid JSON: " + e.getOriginalMessage()
                    .replaceAll("\\[Source:[^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                    .replaceAll("\\s+", " ").strip();
            if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
                throw UserException.at(input, e.getLocation().getLineNr(), problem);
            }
            throw UserException.in(input, problem);
        } catch (IOException e) {
            throw UserException.in(input, "cannot read: " + e.getMessage());
        }
    }

    /** Shapes only; value ranges need the model's config ({@link #checkRanges}). */
    private Batch batchOf(JsonNode root) {
        int[][] ids = grid(root, "input_ids");
        if (ids == null) {
            throw UserException.in(input, "missing \"input_ids\" (a list of rows of token ids)");
        }
        int[][] types = grid(root, "token_type_ids");
        int[][] mask = grid(root, "attention_mask");
        sameShape("token_type_ids", types, ids);
        sameShape("attention_mask", mask, ids);
        if (types == null) {
            types = new int[ids.length][ids[0].length]; // HF's default: every token in segment 0
        }
        if (mask == null) {
            mask = new int[ids.length][ids[0].length];
            for (int[] row : mask) {
                Arrays.fill(row, 1); // HF's default: attend to every position
            }
        }
        return new Batch(ids, types, mask);
    }

    /** {@code root[field]} as a rectangular int grid, or null when absent. */
    private int[][] grid(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw UserException.in(input, "\"" + field + "\" must be a non-empty list of rows (batch x sequence)");
        }
        int[][] rows = new int[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray()) {
                throw UserException.in(input, field + "[" + r + "] must be a list of integers, got " + abbreviate(row));
            }
            if (row.isEmpty()) {
                throw UserException.in(input, field + "[" + r + "] is empty; every row needs at least one token");
            }
            if (r > 0 && row.size() != rows[0].length) {
                throw UserException.in(input, "ragged " + field + ": row 0 has " + rows[0].length + " entries, row " + r + " has "
                        + row.size() + " (pad rows to one length and set attention_mask to 0 on the padding)");
            }
            rows[r] = new int[row.size()];
            for (int t = 0; t < row.size(); t++) {
                JsonNode v = row.get(t);
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    throw UserException.in(input, field + "[" + r + "][" + t + "] must be an integer, got " + abbreviate(v));
                }
                rows[r][t] = v.intValue();
            }
        }
        return rows;
    }

    private void sameShape(String field, int[][] grid, int[][] ids) {
        if (grid != null && (grid.length != ids.length || grid[0].length != ids[0].length)) {
            throw UserException.in(input, field + " is " + grid.length + "x" + grid[0].length + " but input_ids is "
                    + ids.length + "x" + ids[0].length);
        }
    }

    private void checkRanges(Batch b, TransformerConfig c) {
        if (b.length() > c.maxPositionEmbeddings) {
            throw UserException.in(input, "sequence length " + b.length() + " exceeds max_position_embeddings "
                    + c.maxPositionEmbeddings + " of " + model.resolve(HfCheckpoint.CONFIG));
        }
        for (int r = 0; r < b.rows(); r++) {
            for (int t = 0; t < b.length(); t++) {
                int id = b.inputIds()[r][t];
                if (id < 0 || id >= c.vocabSize) {
                    throw UserException.in(input, "input_ids[" + r + "][" + t + "] = " + id + " is not a token id: vocab_size is "
                            + c.vocabSize + " (ids 0.." + (c.vocabSize - 1) + ")");
                }
                int type = b.tokenTypeIds()[r][t];
                if (type < 0 || type >= c.typeVocabSize) {
                    throw UserException.in(input, "token_type_ids[" + r + "][" + t + "] = " + type + " is out of range: type_vocab_size is "
                            + c.typeVocabSize + " (types 0.." + (c.typeVocabSize - 1) + ")");
                }
                int m = b.attentionMask()[r][t];
                if (m != 0 && m != 1) {
                    throw UserException.in(input, "attention_mask[" + r + "][" + t + "] = " + m + " must be 0 (padding) or 1 (token)");
                }
            }
        }
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /** An array as nested JSON lists in row-major order (the layout HF's tensors print in). */
    static void writeNested(JsonGenerator g, INDArray array) throws IOException {
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long[] shape = array.shape();
        writeLevel(g, values, shape, 0, 0);
    }

    /** Writes the block of {@code shape[dim..]} starting at flat index {@code offset}. */
    private static void writeLevel(JsonGenerator g, float[] values, long[] shape, int dim, int offset) throws IOException {
        if (dim == shape.length) {
            g.writeNumber(values[offset]);
            return;
        }
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        g.writeStartArray();
        for (int i = 0; i < shape[dim]; i++) {
            writeLevel(g, values, shape, dim + 1, offset + i * stride);
        }
        g.writeEndArray();
    }
}
