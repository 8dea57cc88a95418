package dev.electrabench.core.pretrain.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Streams examples into an {@link ExampleFile}: tokens go straight to disk, only the per-example offsets
 * and segment boundaries (6 bytes per example) stay in memory until {@link #finish()}.
 */
final class ExampleFileWriter implements Consumer<PretrainingExample>, AutoCloseable {
    private final Path path;
    private final int width;
    private final int seqLength;
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private int[] offsets = new int[1024];
    private int[] segmentEnds = new int[1024];
    private int count;
    private long tokens;

    ExampleFileWriter(Path path, int vocabSize, int seqLength) throws IOException {
        this.path = path;
        this.width = ExampleFile.tokenWidth(vocabSize);
        this.seqLength = seqLength;
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
    }

    @Override
    public void accept(PretrainingExample example) {
        if (example.length() > seqLength) {
            throw new IllegalArgumentException("example longer than seqLength " + seqLength);
        }
        if (tokens + example.length() > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2^31 tokens: cap the corpus with maxExamples/maxInputBytes");
        }
        if (count + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            segmentEnds = Arrays.copyOf(segmentEnds, segmentEnds.length * 2);
        }
        try {
            for (int id : example.ids()) {
                ensureRoom(width);
                if (width == 2) {
                    buffer.putShort((short) id);
                } else {
                    buffer.putInt(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        segmentEnds[count] = example.firstSegmentEnd();
        tokens += example.length();
        count++;
        offsets[count] = (int) tokens;
    }

    /** Writes the index and the trailer and closes the file. */
    void finish() throws IOException {
        for (int i = 0; i <= count; i++) {
            ensureRoom(4);
            buffer.putInt(offsets[i]);
        }
        for (int i = 0; i < count; i++) {
            ensureRoom(2);
            buffer.putShort((short) segmentEnds[i]);
        }
        flushBuffer();
        ByteBuffer trailer = ByteBuffer.allocate(ExampleFile.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putLong(ExampleFile.MAGIC).putInt(CacheKey.FORMAT_VERSION).putInt(width).putInt(seqLength).putInt(0)
                .putLong(count).putLong(tokens).putLong(crc.getValue());
        out.write(trailer.array());
        out.close();
    }

    private void ensureRoom(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        crc.update(buffer.array(), 0, buffer.position());
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
