package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of a corpus: a single file, or every regular file under a directory (recursively, hidden
 * files skipped) in sorted order of their relative path, so the file order — and with a seed the
 * examples built from it — is the same on every machine.
 */
public final class CorpusFiles {
    private CorpusFiles() {}

    public static List<Path> list(Path corpus) {
        if (Files.isRegularFile(corpus)) {
            return List.of(corpus);
        }
        if (!Files.isDirectory(corpus)) {
            throw UserException.in(corpus, "corpus not found (expected a text file or a directory of them)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(corpus.relativize(p)))
                    .sorted(Comparator.comparing(p -> corpus.relativize(p).toString().replace('\\', '/')))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus directory " + corpus + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw UserException.in(corpus, "corpus directory contains no files");
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
