package dev.electrabench.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.runtime.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run folder is: {@code DIR/run.json} records the facts that decide a run's results (config, seed,
 * objective, parameter shapes, build, ...). The first run writes them; every later run on the folder (a
 * resume) must bring the same facts, or it is refused with one line naming what differs, before it reads
 * or trains anything. Keys the file holds beyond the facts (e.g. {@code created_utc}) are left alone.
 */
public final class RunManifest {
    public static final String FILE = "run.json";
    /** Differences named in the message before "and N more". */
    private static final int SHOWN = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunManifest() {}

    /**
     * This build: the git commit its classes were compiled from ({@link BuildInfo}). A run resumes only on the
     * build that started it, so that its rows' {@code git_commit} and its bit-exact resume stay true.
     */
    public static String build() {
        return BuildInfo.gitCommit();
    }

    /** A fresh facts object with {@code kind} (e.g. "pretrain") and the build filled in. */
    public static ObjectNode facts(String kind) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", kind);
        n.put("build", build());
        return n;
    }

    /** Reads {@code DIR/run.json}; null when the folder has none. */
    public static ObjectNode read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            if (!(n instanceof ObjectNode o)) {
                throw UserException.in(f, "not a run manifest (expected a JSON object)");
            }
            return o;
        } catch (IOException e) {
            throw UserException.in(f, "not a readable run manifest: " + e.getMessage().replaceAll("\\s+", " "));
        }
    }

    /**
     * Checks {@code facts} against the folder's manifest, or writes them when it has none; refuses (one line,
     * naming each difference as "key: then → now") when they differ.
     *
     * @param what the command's words for choosing another folder, e.g. "use another --out"
     */
    public static void claim(Path dir, ObjectNode facts, String what) {
        ObjectNode stored = read(dir);
        if (stored == null) {
            write(dir, facts, null);
            return;
        }
        String then = stored.path("build").asText(null);
        if (then != null && facts.has("build") && !then.equals(facts.get("build").asText())) {
            throw UserException.in(dir.resolve(FILE), "this run was started by another build of electra-bench ("
                    + then + "; this is " + facts.get("build").asText() + "), refusing to resume it: its results would mix "
                    + "two builds; resume it with the jar it started with, or " + what);
        }
        List<String> diffs = differences(stored, facts);
        if (!diffs.isEmpty()) {
            String shown = String.join("; ", diffs.subList(0, Math.min(SHOWN, diffs.size())));
            String more = diffs.size() > SHOWN ? "; and " + (diffs.size() - SHOWN) + " more" : "";
            throw UserException.in(dir.resolve(FILE), "this run was started with other settings, refusing to resume it: "
                    + shown + more + "; " + what);
        }
    }

    /** Writes {@code facts} (over the keys they name, keeping the others of {@code base}) atomically. */
    public static void write(Path dir, ObjectNode facts, ObjectNode base) {
        ObjectNode n = base == null ? JSON.createObjectNode() : base.deepCopy();
        n.setAll(facts);
        try {
            AtomicFiles.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } catch (IOException e) {
            throw UserException.in(dir.resolve(FILE), "cannot write: " + AtomicFiles.reason(e));
        }
    }

    /** "key: stored → now" for every leaf of {@code now} whose value differs (dotted paths, facts' order). */
    public static List<String> differences(JsonNode stored, JsonNode now) {
        Map<String, JsonNode> a = new LinkedHashMap<>();
        Map<String, JsonNode> b = new LinkedHashMap<>();
        flatten("", stored, a);
        flatten("", now, b);
        List<String> out = new ArrayList<>();
        Map<String, JsonNode> topStored = new LinkedHashMap<>();
        stored.fields().forEachRemaining(e -> topStored.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> e : b.entrySet()) {
            String top = e.getKey().split("\\.", 2)[0];
            if (!topStored.containsKey(top)) {
                out.add(e.getKey() + ": (not recorded) → " + text(e.getValue()));
                continue;
            }
            JsonNode was = a.get(e.getKey());
            // by text: 42 read back from the file is an int node, the fact put as a long a long node
            if (was == null || !was.toString().equals(e.getValue().toString())) {
                out.add(e.getKey() + ": " + (was == null ? "(none)" : text(was)) + " → " + text(e.getValue()));
            }
        }
        // keys under a fact that only the stored run had (e.g. a parameter the new config lacks)
        for (Map.Entry<String, JsonNode> e : a.entrySet()) {
            String top = e.getKey().split("\\.", 2)[0];
            if (now.has(top) && !b.containsKey(e.getKey())) {
                out.add(e.getKey() + ": " + text(e.getValue()) + " → (none)");
            }
        }
        return out;
    }

    /**
     * SHA-256 over the regular, non-hidden files directly in {@code dir} (names and contents, by name): what a
     * model folder is, wherever it lies.
     */
    public static String folderSha256(Path dir) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted().toList();
            }
            byte[] buffer = new byte[1 << 16];
            for (Path f : files) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        md.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw UserException.in(dir, "cannot read the model folder: " + AtomicFiles.reason(e));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    private static void flatten(String prefix, JsonNode n, Map<String, JsonNode> out) {
        if (n.isObject() && n.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, n);
        }
    }

    private static String text(JsonNode n) {
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
