package dev.electrabench.core.pretrain.data;

import dev.electrabench.core.UserException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The lines of one corpus file, read as a stream (the corpus is never held in memory). Gzip is recognised
 * by its magic bytes, so {@code wiki_00.gz} and an uncompressed copy read the same; a {@code .gz} name on
 * a file that is not gzip is an error. Text must be UTF-8: a bad byte sequence is reported with its line.
 */
public final class LineSource implements Closeable {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final Path file;
    private final CountingStream counted;
    private final BufferedReader reader;
    private long lineNumber;

    private LineSource(Path file, CountingStream counted, BufferedReader reader) {
        this.file = file;
        this.counted = counted;
        this.reader = reader;
    }

    public static LineSource open(Path file) {
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            InputStream decompressed = isGzip(raw) ? new GZIPInputStream(raw, 1 << 16) : raw;
            if (decompressed == raw && file.getFileName().toString().endsWith(".gz")) {
                throw UserException.in(file, "named .gz but is not gzip-compressed");
            }
            CountingStream counted = new CountingStream(decompressed);
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new LineSource(file, counted, new BufferedReader(new InputStreamReader(counted, decoder), 1 << 16));
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
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (CharacterCodingException e) {
            throw UserException.at(file, lineNumber + 1, "not valid UTF-8 text");
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

    /**
     * Uncompressed bytes consumed so far. The reader reads ahead, so mid-file this runs up to one buffer
     * (64 KiB) ahead of the last line returned; at the end of the file it is exact.
     */
    public long bytesRead() {
        return counted.count;
    }

    @Override
    public void close() {
        try {
            reader.close();
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

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
