package dev.electrabench.core.pretrain;

import dev.electrabench.core.pretrain.data.CorpusExamples;
import dev.electrabench.core.pretrain.data.CorpusFiles;
import dev.electrabench.core.pretrain.data.CorpusFormat;
import dev.electrabench.core.pretrain.data.ExampleBatch;
import dev.electrabench.core.pretrain.data.ExampleBuilderConfig;
import dev.electrabench.core.pretrain.data.PretrainingExample;
import dev.electrabench.core.runtime.DataDir;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared real data the pre-training tests read: BERT uncased vocab, Wikipedia and WikiText corpora. */
public final class RealCorpus {
    private static Vocab vocab;
    private static WordPieceTokenizer tokenizer;

    private RealCorpus() {}

    public static synchronized Vocab vocab() {
        if (vocab == null) {
            vocab = Vocab.load(vocabFile());
        }
        return vocab;
    }

    public static synchronized WordPieceTokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = new WordPieceTokenizer(vocab());
        }
        return tokenizer;
    }

    public static Path vocabFile() {
        return DataDir.resolve().resolve("vocab/bert-base-uncased-vocab.txt");
    }

    /** The WikiExtractor directory (100 gzipped files). */
    public static Path wikipedia() {
        return DataDir.resolve().resolve("corpus/enwiki-wikiextractor");
    }

    public static Path wikipediaFile(int n) {
        return wikipedia().resolve(String.format("AA/wiki_%02d.gz", n));
    }

    public static Path wikitextValid() {
        return DataDir.resolve().resolve("corpus/wikitext-2/wiki.valid.tokens");
    }

    /** The first {@code count} ELECTRA examples (length {@code seqLength}) of the Wikipedia corpus. */
    public static List<PretrainingExample> wikipediaExamples(int count, int seqLength, long seed) {
        List<PretrainingExample> out = new ArrayList<>();
        new CorpusExamples(CorpusFiles.list(wikipedia()), CorpusFormat.AUTO, tokenizer(), vocab(),
                ExampleBuilderConfig.electra(seqLength), seed, count, 0).forEach(out::add);
        return out;
    }

    /** Pads {@code examples} into one batch. */
    public static ExampleBatch batchOf(List<PretrainingExample> examples, int seqLength) {
        int[][] ids = new int[examples.size()][seqLength];
        int[][] types = new int[examples.size()][seqLength];
        int[][] mask = new int[examples.size()][seqLength];
        for (int i = 0; i < examples.size(); i++) {
            examples.get(i).padInto(ids[i], types[i], mask[i]);
        }
        return new ExampleBatch(ids, types, mask);
    }
}
