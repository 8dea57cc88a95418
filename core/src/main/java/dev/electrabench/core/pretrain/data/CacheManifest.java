package dev.electrabench.core.pretrain.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code manifest.json} of a cache entry: the full key text (what the examples were built from) and the
 * build statistics. Written before the entry is published; an entry without it is incomplete.
 */
record CacheManifest(String key, String keyDescription, CorpusStats stats, String createdAt) {
    static final String NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) throws IOException {
        AtomicFiles.writeBytes(dir.resolve(NAME), JSON.writeValueAsBytes(this));
    }

    static CacheManifest read(Path dir) throws IOException {
        try {
            return JSON.readValue(Files.readAllBytes(dir.resolve(NAME)), CacheManifest.class);
        } catch (NoSuchFileException e) {
            throw new InvalidCacheException(dir + " has no " + NAME + " (incomplete entry)");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidCacheException(dir.resolve(NAME) + " is not a valid manifest: " + e.getOriginalMessage());
        }
    }
}
