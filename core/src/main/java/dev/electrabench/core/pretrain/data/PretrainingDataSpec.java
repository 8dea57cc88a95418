package dev.electrabench.core.pretrain.data;

import java.nio.file.Path;

/**
 * Which examples to build: the corpus, how to read it, how to pack it, the seed, and optional caps
 * (≤ 0 = unlimited) on the number of examples and on the uncompressed input bytes read.
 */
public record PretrainingDataSpec(Path corpus, CorpusFormat format, ExampleBuilderConfig builder, long seed,
                                  long maxExamples, long maxInputBytes) {

    /** The whole corpus, auto-detected format, ELECTRA's builder settings for sequence length {@code seqLength}. */
    public static PretrainingDataSpec electra(Path corpus, int seqLength, long seed) {
        return new PretrainingDataSpec(corpus, CorpusFormat.AUTO, ExampleBuilderConfig.electra(seqLength), seed, 0, 0);
    }

    public PretrainingDataSpec withMaxExamples(long max) {
        return new PretrainingDataSpec(corpus, format, builder, seed, max, maxInputBytes);
    }

    public PretrainingDataSpec withMaxInputBytes(long max) {
        return new PretrainingDataSpec(corpus, format, builder, seed, maxExamples, max);
    }

    public int seqLength() {
        return builder.maxLength();
    }
}
