package dev.electrabench.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The weights of an HF model folder in any of the four ways the hub ships them, looked for in this order
 * (safetensors wins when a folder has both, as in {@code from_pretrained}):
 * {@code model.safetensors}, {@code model.safetensors.index.json} (shards), {@code pytorch_model.bin},
 * {@code pytorch_model.bin.index.json} (shards). An index's {@code weight_map} names, per tensor, the shard
 * file in the same folder that holds it.
 */
public final class WeightFiles {
    public static final String SAFETENSORS = "model.safetensors";
    public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    public static final String PYTORCH = "pytorch_model.bin";
    public static final String PYTORCH_INDEX = "pytorch_model.bin.index.json";
    /** In order of preference. */
    public static final List<String> NAMES = List.of(SAFETENSORS, SAFETENSORS_INDEX, PYTORCH, PYTORCH_INDEX);

    private static final ObjectMapper JSON = new ObjectMapper();

    private WeightFiles() {}

    /** The folder's weights file (or index) that is read, by {@link #NAMES}' preference. */
    public static Path find(Path dir) {
        for (String name : NAMES) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw UserException.in(dir, "no weights file: expected one of " + String.join(", ", NAMES));
    }

    /** Every tensor of the folder's weights, as float32, in file (and shard) order. */
    public static LinkedHashMap<String, TensorData> read(Path dir) {
        Path file = find(dir);
        return switch (file.getFileName().toString()) {
            case SAFETENSORS -> Safetensors.read(file);
            case PYTORCH -> PyTorchCheckpoint.read(file);
            case SAFETENSORS_INDEX -> readSharded(file, Safetensors::read);
            default -> readSharded(file, PyTorchCheckpoint::read);
        };
    }

    /** Reads each shard an index names once, checking that every tensor is in the shard it names. */
    static LinkedHashMap<String, TensorData> readSharded(Path index, Function<Path, ? extends Map<String, TensorData>> reader) {
        Map<String, String> weightMap = weightMap(index);
        Map<String, Path> shards = new LinkedHashMap<>();
        for (String shard : weightMap.values()) {
            shards.computeIfAbsent(shard, s -> shardPath(index, s));
        }
        LinkedHashMap<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Path> shard : shards.entrySet()) {
            for (Map.Entry<String, TensorData> t : reader.apply(shard.getValue()).entrySet()) {
                if (tensors.putIfAbsent(t.getKey(), t.getValue()) != null) {
                    throw UserException.in(shard.getValue(), "tensor " + t.getKey() + " is also in an earlier shard");
                }
                String mapped = weightMap.get(t.getKey());
                if (mapped != null && !mapped.equals(shard.getKey())) {
                    throw UserException.in(shard.getValue(), "holds tensor " + t.getKey() + ", which " + index.getFileName()
                            + " places in " + mapped);
                }
            }
        }
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            if (!tensors.containsKey(e.getKey())) {
                throw UserException.in(shards.get(e.getValue()), "has no tensor " + e.getKey() + " (" + index.getFileName() + " says it does)");
            }
        }
        return tensors;
    }

    private static Map<String, String> weightMap(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw UserException.in(index, "malformed index: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw UserException.in(index, "no \"weight_map\" object (tensor name -> shard file)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw UserException.in(index, "weight_map entry " + e.getKey() + " is not a file name");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** A shard is a file beside its index; a name reaching elsewhere ("../x", "/etc/x") is refused. */
    private static Path shardPath(Path index, String name) {
        Path dir = index.toAbsolutePath().normalize().getParent();
        Path p = dir.resolve(name).normalize();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || !dir.equals(p.getParent())) {
            throw UserException.in(index, "shard name '" + TorchUnpickler.printable(name) + "' is not a file in the model folder");
        }
        if (!Files.isRegularFile(p)) {
            throw UserException.in(index, "shard " + name + " not found");
        }
        return index.resolveSibling(name);
    }
}
