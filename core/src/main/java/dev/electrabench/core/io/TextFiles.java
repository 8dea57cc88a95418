package dev.electrabench.core.io;

import dev.electrabench.core.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads whole UTF-8 text files with one-line errors that say where (the JDK's says "Input length = 2"). */
public final class TextFiles {
    private TextFiles() {}

    /**
     * The file's text; a {@link UserException} "file: WHAT not found", "file:line: not UTF-8 text (byte 0xE9)",
     * or "file: cannot read WHAT: reason".
     *
     * @param what the file's role in messages, e.g. "config file", "vocabulary"
     */
    public static String readUtf8(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw UserException.in(file, what + " not found");
        } catch (IOException e) {
            throw UserException.in(file, "cannot read " + what + ": " + AtomicFiles.reason(e));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw UserException.at(file, line, String.format("%s is not UTF-8 text (byte 0x%02X at offset %d); save it as UTF-8",
                    what, bytes[at] & 0xff, at));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
