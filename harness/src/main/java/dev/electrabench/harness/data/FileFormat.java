package dev.electrabench.harness.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * How a data file is laid out: each format sniffs a file (fails with {@link CorruptFileException} when
 * it is not of the format) and counts its rows in the unit datasets are usually counted in.
 */
public sealed interface FileFormat {
    /** Counts rows, failing when the file does not have this format. */
    long countRows(Path file) throws IOException, CorruptFileException;

    /** What a row is: "rows", "questions", "sentences", ... */
    String unit();

    /** GLUE TSV: tab-separated, no quoting; {@code columns} fields on every line (0 = not checked). */
    record Tsv(boolean header, int columns) implements FileFormat {
        @Override
        public long countRows(Path file) throws IOException, CorruptFileException {
            long lines = 0;
            try (BufferedReader r = utf8(Files.newInputStream(file))) {
                String line;
                while ((line = readLine(r)) != null) {
                    lines++;
                    int fields = line.split("\t", -1).length;
                    if (columns > 0 ? fields != columns : fields < 2) {
                        throw new CorruptFileException("line " + lines + " has " + fields + " tab-separated fields, expected "
                                + (columns > 0 ? columns : "at least 2"));
                    }
                }
            }
            if (lines == 0) {
                throw new CorruptFileException("empty file");
            }
            return header ? lines - 1 : lines;
        }

        @Override
        public String unit() {
            return "rows";
        }
    }

    /** SQuAD JSON ({@code {"version": ..., "data": [{"paragraphs": [{"qas": [...]}]}]}}); rows = questions. */
    record SquadJson(String version) implements FileFormat {
        @Override
        public long countRows(Path file) throws IOException, CorruptFileException {
            JsonNode root;
            try (InputStream in = Files.newInputStream(file)) {
                root = new ObjectMapper().readTree(in);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new CorruptFileException("not valid JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.path("data").isArray()) {
                throw new CorruptFileException("no \"data\" array: not a SQuAD file");
            }
            if (!version.equals(root.path("version").asText())) {
                throw new CorruptFileException("SQuAD version is \"" + root.path("version").asText() + "\", expected \"" + version + "\"");
            }
            long questions = 0;
            for (JsonNode article : root.get("data")) {
                for (JsonNode paragraph : article.path("paragraphs")) {
                    questions += paragraph.path("qas").size();
                }
            }
            return questions;
        }

        @Override
        public String unit() {
            return "questions";
        }
    }

    /** CoNLL-2003 column format: "token POS chunk NER" lines, blank line between sentences; rows = sentences. */
    record Conll() implements FileFormat {
        @Override
        public long countRows(Path file) throws IOException, CorruptFileException {
            long sentences = 0;
            long lineNo = 0;
            boolean inSentence = false;
            try (BufferedReader r = utf8(Files.newInputStream(file))) {
                String line;
                while ((line = readLine(r)) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        sentences += inSentence ? 1 : 0;
                        inSentence = false;
                    } else if (!line.startsWith("-DOCSTART-")) {
                        int fields = line.trim().split(" ").length;
                        if (fields != 4) {
                            throw new CorruptFileException("line " + lineNo + " has " + fields + " space-separated fields, expected 4 (token POS chunk NER)");
                        }
                        inSentence = true;
                    }
                }
            }
            return sentences + (inSentence ? 1 : 0);
        }

        @Override
        public String unit() {
            return "sentences";
        }
    }

    /** BERT WordPiece vocab: one token per line, with [PAD] at id 0 and [UNK] [CLS] [SEP] [MASK] at 100-103. */
    record Vocab() implements FileFormat {
        private static final List<String> SPECIAL = List.of("[UNK]", "[CLS]", "[SEP]", "[MASK]");

        @Override
        public long countRows(Path file) throws IOException, CorruptFileException {
            long lines = 0;
            try (BufferedReader r = utf8(Files.newInputStream(file))) {
                String line;
                while ((line = readLine(r)) != null) {
                    if (lines == 0 && !line.equals("[PAD]")) {
                        throw new CorruptFileException("line 1 is \"" + line + "\", expected [PAD]");
                    }
                    if (lines >= 100 && lines <= 103 && !line.equals(SPECIAL.get((int) lines - 100))) {
                        throw new CorruptFileException("line " + (lines + 1) + " is \"" + line + "\", expected " + SPECIAL.get((int) lines - 100));
                    }
                    lines++;
                }
            }
            return lines;
        }

        @Override
        public String unit() {
            return "tokens";
        }
    }

    /** UTF-8 text; rows = lines. */
    record TextLines() implements FileFormat {
        @Override
        public long countRows(Path file) throws IOException, CorruptFileException {
            long lines = 0;
            try (BufferedReader r = utf8(Files.newInputStream(file))) {
                while (readLine(r) != null) {
                    lines++;
                }
            }
            return lines;
        }

        @Override
        public String unit() {
            return "lines";
        }
    }

    /** gzip-compressed WikiExtractor output: {@code <doc id=...>} ... {@code </doc>} articles; rows = articles. */
    record WikiExtractorGz() implements FileFormat {
        @Override
        public long countRows(Path file) throws IOException, CorruptFileException {
            long opened = 0;
            long closed = 0;
            try (BufferedReader r = utf8(new GZIPInputStream(Files.newInputStream(file)))) {
                String line;
                boolean first = true;
                while ((line = readLine(r)) != null) {
                    if (first && !line.startsWith("<doc id=")) {
                        throw new CorruptFileException("does not start with a <doc id=...> line: not WikiExtractor output");
                    }
                    first = false;
                    opened += line.startsWith("<doc ") ? 1 : 0;
                    closed += line.equals("</doc>") ? 1 : 0;
                }
            } catch (ZipException | java.io.EOFException e) {
                throw new CorruptFileException("not a complete gzip file: " + e.getMessage());
            }
            if (opened != closed) {
                throw new CorruptFileException(opened + " <doc> lines but " + closed + " </doc> lines (truncated?)");
            }
            return opened;
        }

        @Override
        public String unit() {
            return "articles";
        }
    }

    private static BufferedReader utf8(InputStream in) {
        // strict decoding: a file that is not UTF-8 is reported, not silently mangled
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    private static String readLine(BufferedReader r) throws IOException, CorruptFileException {
        try {
            return r.readLine();
        } catch (CharacterCodingException e) {
            throw new CorruptFileException("not UTF-8 text");
        }
    }
}
