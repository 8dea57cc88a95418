package dev.electrabench.core.pretrain.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The examples of one cache entry, memory-mapped from {@link ExampleFile} (opening costs one checksum pass,
 * not a copy of the data into the heap).
 */
public final class CachedExamples implements ExampleStore {
    private final ByteBuffer data;
    private final int width;
    private final int seqLength;
    private final int size;
    private final int offsetsStart;
    private final int segmentEndsStart;

    private CachedExamples(ByteBuffer data, int width, int seqLength, int size, long numTokens) {
        this.data = data;
        this.width = width;
        this.seqLength = seqLength;
        this.size = size;
        this.offsetsStart = (int) (numTokens * width);
        this.segmentEndsStart = offsetsStart + (size + 1) * 4;
    }

    /** Maps and verifies {@code file}; throws {@link InvalidCacheException} when it is not a complete, intact example file. */
    static CachedExamples open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < ExampleFile.TRAILER_BYTES) {
                throw new InvalidCacheException(file + " is too short to be an example file (" + fileSize + " bytes)");
            }
            if (fileSize > Integer.MAX_VALUE) {
                throw new InvalidCacheException(file + " is larger than 2 GiB, which this format does not support");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, fileSize);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            int trailerAt = (int) fileSize - ExampleFile.TRAILER_BYTES;
            ByteBuffer trailer = mapped.slice(trailerAt, ExampleFile.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long magic = trailer.getLong();
            int version = trailer.getInt();
            int width = trailer.getInt();
            int seqLength = trailer.getInt();
            trailer.getInt();
            long numExamples = trailer.getLong();
            long numTokens = trailer.getLong();
            long storedCrc = trailer.getLong();
            if (magic != ExampleFile.MAGIC || version != CacheKey.FORMAT_VERSION) {
                throw new InvalidCacheException(file + " has no valid trailer (incomplete write or other format)");
            }
            if ((width != 2 && width != 4) || numExamples < 0 || numTokens < 0 || numExamples > Integer.MAX_VALUE
                    || ExampleFile.expectedSize(width, numExamples, numTokens) != fileSize) {
                throw new InvalidCacheException(file + " size does not match its trailer");
            }
            CRC32C crc = new CRC32C();
            crc.update(mapped.slice(0, trailerAt));
            if (crc.getValue() != storedCrc) {
                throw new InvalidCacheException(file + " checksum mismatch (corrupted)");
            }
            return new CachedExamples(mapped.slice(0, trailerAt).order(ByteOrder.LITTLE_ENDIAN),
                    width, seqLength, (int) numExamples, numTokens);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int seqLength() {
        return seqLength;
    }

    @Override
    public PretrainingExample get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("example " + index + " of " + size);
        }
        int from = data.getInt(offsetsStart + index * 4);
        int to = data.getInt(offsetsStart + (index + 1) * 4);
        int[] ids = new int[to - from];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = width == 2
                    ? Short.toUnsignedInt(data.getShort((from + i) * 2))
                    : data.getInt((from + i) * 4);
        }
        int firstSegmentEnd = Short.toUnsignedInt(data.getShort(segmentEndsStart + index * 2));
        return new PretrainingExample(ids, firstSegmentEnd);
    }
}
