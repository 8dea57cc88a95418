package dev.electrabench.results.csv;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A whole CSV file held in memory: its header and its data rows. Every problem (missing file, missing
 * column, unparsable cell) is a {@link UserException} that names the file and, where there is one, the
 * line and column. Line numbers are physical lines (header = line 1), exact as long as no cell holds a
 * line break, which our writers never produce.
 */
public final class CsvFile {
    /** RFC 4180 with LF line ends; empty lines are kept as records so record numbers stay line numbers. */
    public static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setIgnoreEmptyLines(false).build();

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columnIndex;
    private final List<Row> rows;

    private record RawRow(long line, List<String> cells) {}

    private CsvFile(Path file, List<String> header, List<RawRow> rawRows) {
        this.file = file;
        this.header = List.copyOf(header);
        this.columnIndex = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (columnIndex.putIfAbsent(header.get(i), i) != null) {
                throw UserException.at(file, 1, "column '" + header.get(i) + "' appears twice in the header");
            }
        }
        List<Row> rows = new ArrayList<>(rawRows.size());
        for (RawRow raw : rawRows) {
            if (raw.cells.size() != header.size()) {
                throw UserException.at(file, raw.line, raw.cells.size() + " cells, but the header has " + header.size() + " columns");
            }
            rows.add(new Row(raw.line, raw.cells));
        }
        this.rows = List.copyOf(rows);
    }

    /** Reads {@code file}; a missing, unreadable or empty file is a {@link UserException}. */
    public static CsvFile read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw UserException.in(file, "no such file");
        } catch (CharacterCodingException e) {
            throw UserException.in(file, "not UTF-8 text");
        } catch (IOException e) {
            throw UserException.in(file, "cannot read: " + e.getMessage());
        }
        return parse(file, new StringReader(text));
    }

    /** Parses CSV text; {@code file} is only used to name the source in errors. */
    public static CsvFile parse(Path file, Reader text) {
        List<String> header = null;
        List<RawRow> rows = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(text)) {
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber();
                List<String> cells = record.toList();
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue; // blank line
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (String name : cells) {
                        header.add(name.replace("\uFEFF", "").trim()); // tolerate a spreadsheet's BOM
                    }
                } else {
                    rows.add(new RawRow(line, cells));
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw malformed(file, e);
        }
        if (header == null) {
            throw UserException.in(file, "empty file: expected a CSV header line");
        }
        return new CsvFile(file, header, rows);
    }

    /**
     * commons-csv wraps its parse errors ("UncheckedIOException: org.apache.commons.csv.CSVException: (startline
     * 2) EOF reached before encapsulated token finished"): say it as "file:2: malformed CSV: ..." instead.
     */
    private static UserException malformed(Path file, Exception e) {
        Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(t.getMessage()).replaceFirst("^[\\w.]+Exception: ", "").replaceAll("\\s+", " ");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\((?:startline|line) (\\d+)\\) ?(.*)").matcher(message);
        if (m.find()) {
            String problem = m.group(2).replace("encapsulated token", "quoted field");
            return UserException.at(file, Long.parseLong(m.group(1)), "malformed CSV: " + problem
                    + (problem.startsWith("EOF") ? " (a quote is not closed)" : ""));
        }
        return UserException.in(file, "malformed CSV: " + message);
    }

    /** A number as a cell: NaN (unknown) is empty; otherwise the shortest text that reads back exactly. */
    public static String formatNumber(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public boolean hasColumn(String column) {
        return columnIndex.containsKey(column);
    }

    /**
     * Fails on the first column of {@code required} the header lacks; {@code what} names the expected
     * kind of file in the message (e.g. "summary.csv schema_version 2").
     */
    public void requireColumns(List<String> required, String what) {
        for (String column : required) {
            if (!hasColumn(column)) {
                throw UserException.at(file, 1, "missing column '" + column + "' (a " + what + " needs: " + String.join(", ", required) + ")");
            }
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** One data row; its getters parse cells and fail with file, line and column. */
    public final class Row {
        private final long line;
        private final List<String> cells;

        private Row(long line, List<String> cells) {
            this.line = line;
            this.cells = cells;
        }

        public long line() {
            return line;
        }

        /** The cell as written, trimmed; "" when empty. */
        public String text(String column) {
            Integer i = columnIndex.get(column);
            if (i == null) {
                throw UserException.at(file, 1, "missing column '" + column + "'");
            }
            return cells.get(i).trim();
        }

        /** A non-empty cell. */
        public String requiredText(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                throw error(column, "empty, but a value is required");
            }
            return s;
        }

        /** A finite number; an empty cell is NaN (unknown). */
        public double number(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                return Double.NaN;
            }
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(column, "'" + s + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw error(column, "'" + s + "' is not a finite number");
            }
            return v;
        }

        /** A finite number that must be present. */
        public double requiredNumber(String column) {
            requiredText(column);
            return number(column);
        }

        /** A whole number; an empty cell is empty. */
        public OptionalLong integer(String column) {
            String s = text(column);
            if (s.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw error(column, "'" + s + "' is not a whole number");
            }
        }

        /** A whole number that must be present. */
        public long requiredInteger(String column) {
            requiredText(column);
            return integer(column).getAsLong();
        }

        /** A {@link UserException} for this row as a whole. */
        public UserException error(String problem) {
            return UserException.at(file, line, problem);
        }

        /** A {@link UserException} for this row's cell in {@code column}. */
        public UserException error(String column, String problem) {
            return UserException.at(file, line, "column '" + column + "': " + problem);
        }
    }
}
