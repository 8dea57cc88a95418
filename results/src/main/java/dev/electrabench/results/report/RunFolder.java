package dev.electrabench.results.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.electrabench.core.UserException;
import dev.electrabench.results.leaderboard.LeaderboardFormat;
import dev.electrabench.results.plot.FineTuneCurves;
import dev.electrabench.results.plot.LearningCurves;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a run folder of {@code compare} holds besides summary.csv: {@code pretrain-<model>/metrics.csv}
 * (with an optional {@code unigram-baseline.json}), {@code finetune/<model>/f<fraction>/<task>/seed-<n>/metrics.csv}
 * and the config files ({@code run.json}, {@code compare.yaml}, the resolved run config of a fine-tuning run).
 * A folder without them (e.g. one that only holds a summary.csv) simply contributes nothing.
 */
public final class RunFolder {
    /** Written next to a pre-training log: the unigram baseline's masked accuracy and cross-entropy. */
    public static final String UNIGRAM_BASELINE = "unigram-baseline.json";
    /** The comparison config as given, copied into the run folder by {@code compare}. */
    public static final String COMPARE_CONFIG = "compare.yaml";

    private static final Pattern FINETUNE_RUN = Pattern.compile("finetune/([^/]+)/f([0-9.]+)/([^/]+)/seed-(-?[0-9]+)/metrics\\.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String prefix;

    /**
     * @param prefix put before model names in legends ("" for a single run; the folder name when several
     *               runs are merged, so their curves stay apart)
     */
    public RunFolder(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    public static List<RunFolder> of(List<Path> dirs) {
        List<RunFolder> folders = new ArrayList<>();
        for (Path d : dirs) {
            folders.add(new RunFolder(d, dirs.size() == 1 ? "" : d.toAbsolutePath().normalize().getFileName() + ": "));
        }
        return folders;
    }

    public Path dir() {
        return dir;
    }

    public List<LearningCurves.Log> pretrainLogs() {
        List<LearningCurves.Log> logs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return logs;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                Path metrics = p.resolve("metrics.csv");
                if (name.startsWith("pretrain-") && Files.isRegularFile(metrics)) {
                    logs.add(new LearningCurves.Log(prefix + name.substring("pretrain-".length()), metrics, unigramAccuracy(p.resolve(UNIGRAM_BASELINE))));
                }
            }
        } catch (IOException e) {
            throw UserException.in(dir, "cannot list: " + e.getMessage());
        }
        return logs;
    }

    private static double unigramAccuracy(Path file) {
        if (!Files.isRegularFile(file)) {
            return Double.NaN;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile()).get("accuracy");
            if (n == null || !n.isNumber()) {
                throw UserException.in(file, "no number 'accuracy'");
            }
            return n.asDouble();
        } catch (IOException e) {
            throw UserException.in(file, "not JSON: " + e.getMessage());
        }
    }

    public List<FineTuneCurves.Log> fineTuneLogs() {
        List<FineTuneCurves.Log> logs = new ArrayList<>();
        Path root = dir.resolve("finetune");
        if (!Files.isDirectory(root)) {
            return logs;
        }
        try (Stream<Path> s = Files.walk(root, 5)) {
            for (Path p : s.sorted().toList()) {
                Matcher m = FINETUNE_RUN.matcher(dir.relativize(p).toString().replace('\\', '/'));
                if (m.matches()) {
                    String arm = prefix + m.group(1) + " @ " + LeaderboardFormat.fraction(Double.parseDouble(m.group(2)));
                    logs.add(new FineTuneCurves.Log(arm, m.group(3), p));
                }
            }
        } catch (IOException e) {
            throw UserException.in(root, "cannot list: " + e.getMessage());
        }
        return logs;
    }

    /** Config files worth showing, by label: run.json, compare.yaml, and the first fine-tuning run's resolved config. */
    public Map<String, String> configFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("run.json", COMPARE_CONFIG)) {
            read(dir.resolve(name)).ifPresent(t -> files.put(prefix + name, t));
        }
        Path root = dir.resolve("finetune");
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root, 5)) {
                s.filter(p -> p.getFileName().toString().equals("config.yaml")).sorted().findFirst().ifPresent(p ->
                        read(p).ifPresent(t -> files.put(prefix + dir.relativize(p) + " (resolved run config)", t)));
            } catch (IOException e) {
                throw UserException.in(root, "cannot list: " + e.getMessage());
            }
        }
        return files;
    }

    private static java.util.Optional<String> read(Path p) {
        try {
            return Files.isRegularFile(p) ? java.util.Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : java.util.Optional.empty();
        } catch (IOException e) {
            throw UserException.in(p, "cannot read: " + e.getMessage());
        }
    }
}
