package dev.electrabench.harness.data;

import dev.electrabench.core.UserException;
import dev.electrabench.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds GLUE's MRPC files the way download_glue_data.py does: train.tsv and dev.tsv are the lines of
 * msr_paraphrase_train.txt (header kept as is) split by the GLUE dev id list; test.tsv is
 * msr_paraphrase_test.txt with the quality label replaced by a running index.
 */
final class MrpcBuilder {
    private MrpcBuilder() {}

    static void build(Path msrTrain, Path msrTest, Path devIds, Path mrpcDir) {
        try {
            Set<String> dev = new HashSet<>();
            for (String line : Files.readAllLines(devIds, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    String[] ids = line.strip().split("\t");
                    dev.add(ids[0] + "\t" + ids[ids.length - 1]);
                }
            }
            List<String> train = Files.readAllLines(msrTrain, StandardCharsets.UTF_8);
            if (train.isEmpty()) {
                throw UserException.in(msrTrain, "empty file");
            }
            StringBuilder trainOut = new StringBuilder(train.get(0)).append('\n');
            StringBuilder devOut = new StringBuilder(train.get(0)).append('\n');
            for (int i = 1; i < train.size(); i++) {
                String[] f = fields(msrTrain, i, train.get(i));
                if (f == null) {
                    continue;
                }
                String row = String.join("\t", f) + "\n";
                (dev.contains(f[1] + "\t" + f[2]) ? devOut : trainOut).append(row);
            }
            List<String> test = Files.readAllLines(msrTest, StandardCharsets.UTF_8);
            StringBuilder testOut = new StringBuilder("index\t#1 ID\t#2 ID\t#1 String\t#2 String\n");
            int index = 0;
            for (int i = 1; i < test.size(); i++) {
                String[] f = fields(msrTest, i, test.get(i));
                if (f != null) {
                    testOut.append(index++).append('\t').append(f[1]).append('\t').append(f[2]).append('\t')
                            .append(f[3]).append('\t').append(f[4]).append('\n');
                }
            }
            AtomicFiles.writeString(mrpcDir.resolve("train.tsv"), trainOut.toString());
            AtomicFiles.writeString(mrpcDir.resolve("dev.tsv"), devOut.toString());
            AtomicFiles.writeString(mrpcDir.resolve("test.tsv"), testOut.toString());
            Files.deleteIfExists(msrTrain);
            Files.deleteIfExists(msrTest);
            Files.deleteIfExists(devIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** quality, #1 ID, #2 ID, #1 String, #2 String; null for a blank line. */
    private static String[] fields(Path file, int index, String line) {
        if (line.isBlank()) {
            return null;
        }
        String[] f = line.strip().split("\t", -1);
        if (f.length != 5) {
            throw UserException.at(file, index + 1, f.length + " tab-separated fields, expected 5 (Quality, #1 ID, #2 ID, #1 String, #2 String)");
        }
        return f;
    }
}
