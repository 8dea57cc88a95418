package dev.electrabench.core.pretrain.data;

/**
 * Layout of {@code examples.bin}, the cache's one data file (little-endian):
 * <pre>
 *   tokens          numTokens × (2 bytes unsigned, or 4 bytes when the vocabulary has ≥ 65536 entries)
 *   offsets         (numExamples + 1) × int32    example i is tokens[offsets[i], offsets[i+1])
 *   firstSegmentEnd numExamples × uint16         where segment 1 starts in example i
 *   trailer         TRAILER_BYTES: magic, version, token width, seqLength, numExamples, numTokens,
 *                   CRC32C of everything before the trailer
 * </pre>
 * Examples are stored unpadded ([CLS] A [SEP] B [SEP]); padding and segment ids are rebuilt on read. The
 * trailer is written last and covers the whole file, so a truncated or altered file is detected on open.
 */
final class ExampleFile {
    static final String NAME = "examples.bin";
    static final long MAGIC = 0x4542_5054_4341_4348L; // "EBPTCACH"
    static final int TRAILER_BYTES = 8 + 4 + 4 + 4 + 4 + 8 + 8 + 8;

    private ExampleFile() {}

    static int tokenWidth(int vocabSize) {
        return vocabSize <= 65536 ? 2 : 4;
    }

    static long expectedSize(int width, long numExamples, long numTokens) {
        return numTokens * width + (numExamples + 1) * 4 + numExamples * 2 + TRAILER_BYTES;
    }
}
