package dev.electrabench.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes HuggingFace safetensors files: an 8-byte little-endian header length N, N bytes
 * of JSON header (tensor name → dtype, shape, data_offsets; optional {@code __metadata__}), then the
 * raw little-endian tensor bytes, row-major.
 */
public final class Safetensors {
    /** What HF writes and what {@code from_pretrained} expects in {@code __metadata__}. */
    public static final Map<String, String> DEFAULT_METADATA = Map.of("format", "pt");

    /** Header padded with spaces to a multiple of this, so tensor data starts 8-byte aligned (as HF does). */
    private static final int HEADER_ALIGNMENT = 8;
    /** Write buffer size: a tensor is converted to bytes in chunks, never copied whole. */
    private static final int CHUNK_FLOATS = 1 << 14;

    private Safetensors() {}

    /**
     * All tensors of {@code file} as float32, in order of their data offsets. F16/BF16/F64 and integer
     * tensors are converted; each tensor's bytes are memory-mapped and decoded once into its array.
     *
     * @throws UserException naming the file (and tensor) if the file is missing or malformed
     */
    public static LinkedHashMap<String, TensorData> read(Path file) {
        try (FileChannel channel = open(file)) {
            SafetensorsHeader header = SafetensorsHeader.read(file, channel);
            LinkedHashMap<String, TensorData> tensors = new LinkedHashMap<>();
            for (SafetensorsHeader.Entry entry : header.entries()) {
                float[] values = new float[entry.elementCount()];
                if (values.length > 0) {
                    MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY,
                            header.dataStart() + entry.begin(), entry.end() - entry.begin());
                    entry.dtype().decode(bytes.order(ByteOrder.LITTLE_ENDIAN), values);
                }
                tensors.put(entry.name(), new TensorData(entry.name(), entry.shape(), values));
            }
            return tensors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code __metadata__} map (empty if absent); the whole header is validated as in {@link #read}. */
    public static Map<String, String> readMetadata(Path file) {
        try (FileChannel channel = open(file)) {
            return SafetensorsHeader.read(file, channel).metadata();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #write(Path, Map, Map)} with {@link #DEFAULT_METADATA}. */
    public static void write(Path file, Map<String, TensorData> tensors) {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} as F32, atomically. Tensors are laid out contiguously sorted by name, so
     * the same tensors always give the same bytes. {@code __metadata__} is {@code {"format": "pt"}}
     * overlaid with {@code metadata} (may be null).
     *
     * @throws IllegalArgumentException if a map key differs from its tensor's name or is "__metadata__"
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) {
        TreeMap<String, TensorData> sorted = new TreeMap<>();
        tensors.forEach((key, tensor) -> {
            if (!key.equals(tensor.name())) {
                throw new IllegalArgumentException("map key '" + key + "' differs from tensor name '" + tensor.name() + "'");
            }
            if (key.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("'" + key + "' is reserved for the metadata and cannot name a tensor");
            }
            sorted.put(key, tensor);
        });
        byte[] header = headerBytes(sorted, metadata);
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(SafetensorsHeader.LENGTH_PREFIX).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(header.length).array());
            out.write(header);
            ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
            for (TensorData tensor : sorted.values()) {
                writeFloats(out, tensor.values(), chunk);
            }
        });
    }

    private static byte[] headerBytes(TreeMap<String, TensorData> sorted, Map<String, String> metadata) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
        Map<String, String> merged = new TreeMap<>(DEFAULT_METADATA);
        if (metadata != null) {
            merged.putAll(metadata);
        }
        merged.forEach(meta::put);
        long offset = 0;
        for (TensorData tensor : sorted.values()) {
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            long end = offset + 4L * tensor.values().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] compact = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (compact.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        byte[] header = Arrays.copyOf(compact, padded);
        Arrays.fill(header, compact.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFloats(OutputStream out, float[] values, ByteBuffer chunk) throws IOException {
        FloatBuffer floats = chunk.asFloatBuffer();
        for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
            int count = Math.min(CHUNK_FLOATS, values.length - from);
            floats.clear();
            floats.put(values, from, count);
            out.write(chunk.array(), 0, 4 * count);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw UserException.in(file, "no such safetensors file");
        }
    }
}
