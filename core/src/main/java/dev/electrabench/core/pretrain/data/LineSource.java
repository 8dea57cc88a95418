package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.UserException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The lines of one corpus file, read as a stream (the corpus is never held in memory). Gzip is recognised
 * by its magic bytes, so {@code wiki_00.gz} and an uncompressed copy read the same; a {@code .gz} name on
 * a file that is not gzip is an error. Lines end at LF (a preceding CR is dropped) and must be UTF-8: each
 * line is decoded on its own so a bad byte sequence is reported with its line number.
 */
public final class LineSource implements Closeable {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int bufferStart;
    private int bufferEnd;
    private byte[] line = new byte[1 << 10];
    private long lineNumber;
    private long bytesRead;
    private boolean eof;

    private LineSource(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    public static LineSource open(Path file) {
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            boolean gzip = isGzip(raw);
            if (!gzip && file.getFileName().toString().endsWith(".gz")) {
                throw UserException.in(file, "named .gz but is not gzip-compressed");
            }
            return new LineSource(file, gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
        } catch (NoSuchFileException e) {
            closeQuietly(raw);
            throw UserException.in(file, "corpus file not found");
        } catch (ZipException | EOFException e) {
            closeQuietly(raw);
            throw UserException.in(file, "corrupt gzip data: " + e.getMessage());
        } catch (IOException e) {
            closeQuietly(raw);
            throw UserException.in(file, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String readLine() {
        int length = 0;
        boolean sawAny = false;
        while (true) {
            if (bufferStart == bufferEnd && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break; // last line without a final newline
            }
            sawAny = true;
            int newline = -1;
            for (int i = bufferStart; i < bufferEnd; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? bufferEnd : newline;
            int n = end - bufferStart;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(buffer, bufferStart, line, length, n);
            length += n;
            bytesRead += n;
            bufferStart = end;
            if (newline >= 0) {
                bufferStart++;
                bytesRead++;
                break;
            }
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw UserException.at(file, lineNumber, "not valid UTF-8 text");
        }
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            bufferStart = 0;
            bufferEnd = n;
            return true;
        } catch (ZipException | EOFException e) {
            throw UserException.at(file, lineNumber + 1, "corrupt or truncated gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** 1-based number of the line last returned (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /** Uncompressed bytes of the lines returned so far, terminators included. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }
}
