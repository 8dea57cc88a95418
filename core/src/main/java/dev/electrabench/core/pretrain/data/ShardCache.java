package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.io.AtomicFiles;
import dev.electrabench.core.text.Tokenizer;
import dev.electrabench.core.text.Vocab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Tokenize-once cache of built examples: {@code <root>/<sha256 key>/} holds {@code examples.bin} and
 * {@code manifest.json} (see {@link CacheKey} for what the key covers). The first {@link #open} builds the
 * entry; later opens with the same inputs map it without reading the corpus.
 *
 * <p>Crash safety: an entry is built in {@code <root>/.tmp-<key>-*} and published by one atomic directory
 * rename, so a half-built entry never sits under the final name. An entry that fails verification (missing
 * manifest, truncated or checksum-mismatched data) is deleted and rebuilt. Builders of the same key are
 * serialised by a lock file, so concurrent processes build once; leftover temp dirs of crashed builds are
 * removed by the next builder holding the lock.
 */
public final class ShardCache {
    private static final System.Logger LOG = System.getLogger(ShardCache.class.getName());
    private static final ConcurrentHashMap<Path, Object> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Tokenizer tokenizer;
    private final Vocab vocab;

    public ShardCache(Path root, Tokenizer tokenizer, Vocab vocab) {
        this.root = root;
        this.tokenizer = tokenizer;
        this.vocab = vocab;
    }

    /**
     * An opened entry.
     *
     * @param examples    the examples
     * @param directory   the entry's directory
     * @param built       true if this call tokenized the corpus, false if it reused an existing entry
     * @param buildStats  statistics of the pass that built the entry (from its manifest when reused)
     * @param openSeconds wall time of this call (build + verify, or verify only)
     */
    public record Opened(CachedExamples examples, Path directory, boolean built, CorpusStats buildStats,
                         double openSeconds) {}

    /** The examples of {@code spec}, from the cache when present and intact, else built now and cached. */
    public Opened open(PretrainingDataSpec spec) {
        long start = System.nanoTime();
        List<Path> files = CorpusFiles.list(spec.corpus());
        CacheKey key = CacheKey.of(spec, files, tokenizer, vocab);
        Path dir = root.resolve(key.hex());
        try {
            Files.createDirectories(root);
            Opened existing = tryLoad(dir, key, start, false);
            if (existing != null) {
                return existing;
            }
            synchronized (IN_PROCESS_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), p -> new Object())) {
                try (FileChannel lockFile = FileChannel.open(root.resolve(".lock-" + key.hex()),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    existing = tryLoad(dir, key, start, true); // another process may have built it while we waited
                    if (existing != null) {
                        return existing;
                    }
                    deleteRecursively(dir);
                    removeAbandonedBuilds(key);
                    CorpusStats stats = build(spec, files, key, dir);
                    CachedExamples examples = CachedExamples.open(dir.resolve(ExampleFile.NAME));
                    return new Opened(examples, dir, true, stats, seconds(start));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pretraining cache " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The entry in {@code dir} if it is complete and intact, else null (to be rebuilt). */
    private Opened tryLoad(Path dir, CacheKey key, long start, boolean warnIfInvalid) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            CacheManifest manifest = CacheManifest.read(dir);
            if (!key.hex().equals(manifest.key())) {
                throw new InvalidCacheException(dir + " manifest belongs to key " + manifest.key());
            }
            CachedExamples examples = CachedExamples.open(dir.resolve(ExampleFile.NAME));
            if (examples.size() != manifest.stats().examples()) {
                throw new InvalidCacheException(dir + " holds " + examples.size() + " examples, manifest says "
                        + manifest.stats().examples());
            }
            return new Opened(examples, dir, false, manifest.stats(), seconds(start));
        } catch (InvalidCacheException | java.nio.file.NoSuchFileException e) {
            if (warnIfInvalid) {
                LOG.log(System.Logger.Level.WARNING, "rebuilding invalid pretraining cache entry: " + e.getMessage());
            }
            return null;
        }
    }

    private CorpusStats build(PretrainingDataSpec spec, List<Path> files, CacheKey key, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(root, tempPrefix(key));
        try {
            CorpusExamples corpus = new CorpusExamples(files, spec.format(), tokenizer, vocab, spec.builder(),
                    spec.seed(), spec.maxExamples(), spec.maxInputBytes());
            CorpusStats stats;
            try (ExampleFileWriter writer = new ExampleFileWriter(tmp.resolve(ExampleFile.NAME), vocab.size(),
                    spec.seqLength())) {
                stats = corpus.forEach(writer);
                writer.finish();
            }
            new CacheManifest(key.hex(), key.description(), stats, Instant.now().toString()).write(tmp);
            AtomicFiles.moveAtomically(tmp, dir);
            return stats;
        } finally {
            deleteRecursively(tmp); // no-op after a successful rename
        }
    }

    private static String tempPrefix(CacheKey key) {
        return ".tmp-" + key.hex() + "-";
    }

    /** Temp dirs of this key that are not ours: their builder died (we hold the key's lock). */
    private void removeAbandonedBuilds(CacheKey key) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(root, tempPrefix(key) + "*")) {
            for (Path p : stale) {
                deleteRecursively(p);
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
