package dev.electrabench.core.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The layout of a pre-training run's checkpoints, owned here so that {@link Pretrainer} (which writes them)
 * and {@code compare} (which reads their steps and wall time) agree: {@code checkpoints/step-N/} holds the
 * objective's HF folders and {@code trainer/} with the optimizer moments and {@code state.json}, written last,
 * whose presence marks a complete checkpoint.
 */
public final class PretrainCheckpoint {
    public static final String CHECKPOINTS = "checkpoints";
    static final String TRAINER = "trainer";
    static final String OPTIMIZER = TRAINER + "/optimizer.safetensors";
    static final String STATE = TRAINER + "/state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PretrainCheckpoint() {}

    /**
     * What {@code state.json} records.
     *
     * @param metricsWindow the open logging window (so a resumed run logs the same rows)
     */
    public record State(long step, long optimizerStep, long dataPosition, double wallSeconds, long seed, String objective,
                        JsonNode metricsWindow) {}

    /** The folder of the checkpoint at {@code step} under run folder {@code out}. */
    public static Path dir(Path out, long step) {
        return out.resolve(CHECKPOINTS).resolve("step-" + step);
    }

    /** The hidden folder a checkpoint is assembled in before it is renamed into place. */
    static Path tempDir(Path out, long step) {
        return out.resolve(CHECKPOINTS).resolve(".step-" + step + ".tmp");
    }

    /** Reads {@code state.json} of a checkpoint folder. */
    public static State read(Path checkpointDir) {
        Path f = checkpointDir.resolve(STATE);
        try {
            JsonNode n = JSON.readTree(f.toFile());
            return new State(n.get("step").asLong(), n.get("optimizer_step").asLong(), n.get("data_position").asLong(),
                    n.get("wall_s").asDouble(), n.path("seed").asLong(), n.path("objective").asText(), n.get("metrics_window"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new UserException(f + at + ": not a readable checkpoint state: "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException | NullPointerException e) {
            throw UserException.in(f, "not a readable checkpoint state: "
                    + (e instanceof NullPointerException ? "a field is missing" : String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
        }
    }

    /** Completed checkpoints (those with {@code trainer/state.json}), by step. */
    public static TreeSet<Long> steps(Path out) {
        TreeSet<Long> steps = new TreeSet<>();
        Path root = out.resolve(CHECKPOINTS);
        if (!Files.isDirectory(root)) {
            return steps;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.matches("step-\\d+") && Files.exists(p.resolve(STATE))) {
                    steps.add(Long.parseLong(n.substring(5)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return steps;
    }

    /** The newest complete checkpoint's folder, or null. */
    public static Path latest(Path out) {
        TreeSet<Long> steps = steps(out);
        return steps.isEmpty() ? null : dir(out, steps.last());
    }
}
