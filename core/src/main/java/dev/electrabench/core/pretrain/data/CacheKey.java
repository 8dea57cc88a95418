package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.text.Tokenizer;
import dev.electrabench.core.text.Vocab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Identity of a built example set: the sha256 of a canonical text naming everything the examples depend on —
 * cache format version, every corpus file (absolute path, size, mtime), the vocabulary's sha256, the tokenizer
 * (its class and the ids it gives a fixed probe text, so a change in lower-casing, accent stripping or
 * splitting changes the key), the builder settings, the seed and the caps. Any change means a new cache entry.
 *
 * @param description the canonical text (kept in the cache manifest, for people)
 * @param hex         its sha256, the cache directory name
 */
public record CacheKey(String description, String hex) {
    /** Bump when the file layout or the example-building semantics change. */
    public static final int FORMAT_VERSION = 1;

    /** Exercises case, accents, punctuation, digits, CJK and an unknown character. */
    private static final String TOKENIZER_PROBE =
            "Héllo, WORLD! Naïve café's 1,000.5 tokenization—test [UNK] 東京 \u2603 unaffable";

    public static CacheKey of(PretrainingDataSpec spec, List<Path> files, Tokenizer tokenizer, Vocab vocab) {
        StringBuilder text = new StringBuilder();
        text.append("electra-bench pretraining examples, cache format ").append(FORMAT_VERSION).append('\n');
        for (Path file : files) {
            try {
                text.append("file ").append(file.toAbsolutePath().normalize())
                        .append(" size ").append(Files.size(file))
                        .append(" mtime ").append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stat corpus file " + file + ": " + e.getMessage(), e);
            }
        }
        text.append("format ").append(spec.format()).append('\n');
        text.append("vocab sha256 ").append(vocabSha256(vocab)).append(" size ").append(vocab.size()).append('\n');
        text.append("tokenizer ").append(tokenizer.getClass().getName())
                .append(" probe ").append(Arrays.toString(tokenizer.ids(TOKENIZER_PROBE))).append('\n');
        text.append("builder ").append(spec.builder()).append('\n');
        text.append("seed ").append(spec.seed()).append('\n');
        text.append("maxExamples ").append(Math.max(0, spec.maxExamples()))
                .append(" maxInputBytes ").append(Math.max(0, spec.maxInputBytes())).append('\n');
        String description = text.toString();
        return new CacheKey(description, sha256(description.getBytes(StandardCharsets.UTF_8)));
    }

    /** sha256 of the vocabulary as its file would read: tokens in id order, one per line. */
    static String vocabSha256(Vocab vocab) {
        MessageDigest digest = newSha256();
        for (int id = 0; id < vocab.size(); id++) {
            digest.update(vocab.token(id).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
