package dev.electrabench.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and fully validated JSON header of a safetensors file: after {@link #read} every entry
 * is known to lie inside the data section, to have exactly product(shape) × dtype-size bytes, and the
 * entries tile the data section without overlaps or gaps (the same checks HF's loader makes).
 *
 * @param headerLength N, the JSON header's byte length (tensor data starts at file offset 8 + N)
 * @param entries      tensors in order of their data offsets
 */
record SafetensorsHeader(Path file, long headerLength, Map<String, String> metadata, List<Entry> entries) {

    static final String METADATA_KEY = "__metadata__";
    /** Bytes of the little-endian u64 that precedes the JSON header. */
    static final int LENGTH_PREFIX = 8;
    /** HF refuses headers above 100 MB; a larger N means a corrupt or foreign file. */
    static final long MAX_HEADER_LENGTH = 100_000_000L;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One tensor's header entry; begin/end are relative to the start of the data section. */
    record Entry(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {
        int elementCount() {
            return (int) ((end - begin) / dtype.size);
        }
    }

    long dataStart() {
        return LENGTH_PREFIX + headerLength;
    }

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < LENGTH_PREFIX) {
            throw UserException.in(file, "truncated safetensors file: " + fileSize
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer prefix = readFully(channel, 0, LENGTH_PREFIX);
        long n = prefix.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        // n is an unsigned u64: a negative long is a length beyond 2^63, certainly beyond the file
        if (n < 0 || n > fileSize - LENGTH_PREFIX) {
            throw UserException.in(file, "header length " + Long.toUnsignedString(n) + " exceeds the "
                    + (fileSize - LENGTH_PREFIX) + " bytes after the 8-byte length (truncated or not a safetensors file)");
        }
        if (n > MAX_HEADER_LENGTH) {
            throw UserException.in(file, "header length " + n + " is above the 100 MB safetensors limit");
        }
        byte[] json = new byte[(int) n];
        readFully(channel, LENGTH_PREFIX, (int) n).get(json);
        JsonNode root = parseJson(file, json);
        long dataSize = fileSize - LENGTH_PREFIX - n;

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkTiling(file, entries, dataSize);
        return new SafetensorsHeader(file, n, Map.copyOf(metadata), List.copyOf(entries));
    }

    private static JsonNode parseJson(Path file, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + " of the header)";
            throw UserException.in(file, "header is not valid JSON" + where + ": " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw UserException.in(file, "header is not valid JSON: " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            String what = root == null || root.isMissingNode() ? "empty" : root.getNodeType().toString().toLowerCase();
            throw UserException.in(file, "header is not a JSON object (found " + what + ")");
        }
        return root;
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw UserException.in(file, "\"" + METADATA_KEY + "\" is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw UserException.in(file, "\"" + METADATA_KEY + "\" value for key '" + oneLine(field.getKey())
                        + "' is not a string");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataSize) {
        if (!node.isObject()) {
            throw tensorError(file, name, "header entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null) {
            throw tensorError(file, name, "missing \"dtype\"");
        }
        if (!dtypeNode.isTextual()) {
            throw tensorError(file, name, "\"dtype\" is not a string");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dtypeNode.textValue()).orElseThrow(() -> tensorError(file, name,
                "unsupported dtype \"" + oneLine(dtypeNode.textValue()) + "\" (readable: "
                        + Arrays.toString(SafetensorsDtype.values()) + ")"));

        long[] shape = longArray(file, name, node, "shape", -1);
        for (long dim : shape) {
            if (dim < 0) {
                throw tensorError(file, name, "negative dimension " + dim + " in shape " + Arrays.toString(shape));
            }
        }
        long[] offsets = longArray(file, name, node, "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < 0) {
            throw tensorError(file, name, "negative data_offsets " + Arrays.toString(offsets));
        }
        if (begin > end) {
            throw tensorError(file, name, "data_offsets " + Arrays.toString(offsets) + " have begin > end");
        }
        if (end > dataSize) {
            throw tensorError(file, name, "data_offsets " + Arrays.toString(offsets) + " end beyond the "
                    + dataSize + "-byte data section (truncated file?)");
        }
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(TensorData.elementCount(shape), (long) dtype.size);
        } catch (ArithmeticException e) {
            throw tensorError(file, name, "shape " + Arrays.toString(shape) + " overflows a 64-bit element count");
        }
        if (end - begin != expectedBytes) {
            throw tensorError(file, name, "data_offsets " + Arrays.toString(offsets) + " span " + (end - begin)
                    + " bytes but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expectedBytes);
        }
        if (expectedBytes / dtype.size > Integer.MAX_VALUE - 8) {
            throw tensorError(file, name, "shape " + Arrays.toString(shape) + " has too many elements for one float[]");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of integers; {@code length} -1 means any length. */
    private static long[] longArray(Path file, String name, JsonNode entry, String key, int length) {
        JsonNode node = entry.get(key);
        if (node == null) {
            throw tensorError(file, name, "missing \"" + key + "\"");
        }
        if (!node.isArray() || (length >= 0 && node.size() != length)) {
            throw tensorError(file, name, "\"" + key + "\" is not an array of "
                    + (length >= 0 ? length + " " : "") + "integers: " + oneLine(node.toString()));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw tensorError(file, name, "\"" + key + "\" is not an array of integers: " + oneLine(node.toString()));
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** Entries sorted by offset must cover [0, dataSize) exactly once, like HF's loader demands. */
    private static void checkTiling(Path file, List<Entry> sorted, long dataSize) {
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw tensorError(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] overlap tensor '"
                        + oneLine(previous.name()) + "' [" + previous.begin() + ", " + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw tensorError(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] leave a gap of "
                        + (e.begin() - covered) + " unused bytes before them");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataSize) {
            throw UserException.in(file, (dataSize - covered) + " bytes after the last tensor's data are not"
                    + " described by the header (data section is " + dataSize + " bytes, tensors cover " + covered + ")");
        }
    }

    static UserException tensorError(Path file, String name, String problem) {
        return UserException.in(file, "tensor '" + oneLine(name) + "': " + problem);
    }

    /** Keeps error messages on one line whatever a corrupt header contains. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
