package dev.electrabench.tasks;

import dev.electrabench.core.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Streams a UTF-8 text file line by line with 1-based line numbers, so readers can report
 * "file:line: problem". A UTF-8 byte-order mark (MRPC's TSVs start with one) is dropped; lines end at
 * \n, \r\n or \r, as with Python's universal newlines.
 */
public final class TextLines {
    private TextLines() {}

    /** Receives one line (without terminator) and its 1-based number. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(String line, long lineNumber);
    }

    public static void forEach(Path file, LineConsumer consumer) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                consumer.accept(line, number);
            }
        } catch (NoSuchFileException e) {
            throw UserException.in(file, "file not found");
        } catch (CharacterCodingException e) {
            throw UserException.in(file, "not valid UTF-8");
        } catch (IOException e) {
            throw UserException.in(file, "cannot read: " + e.getMessage());
        }
    }
}
