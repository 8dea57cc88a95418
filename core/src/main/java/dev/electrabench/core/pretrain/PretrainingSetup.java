package dev.electrabench.core.pretrain;

import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.pretrain.data.PretrainingDataSpec;
import dev.electrabench.core.pretrain.data.PretrainingDataset;
import dev.electrabench.core.pretrain.data.ShardCache;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens what a pre-training run reads: the vocabulary and the (cached) example stream of the corpus. */
public final class PretrainingSetup {
    public static final String CACHE_ENV = "ELECTRA_BENCH_CACHE";

    /** The vocabulary, the dataset positioned at 0, and whether the shard cache had to be built. */
    public record Inputs(Vocab vocab, PretrainingDataset dataset, boolean cacheBuilt, double cacheSeconds) {}

    private PretrainingSetup() {}

    /** Shard caches live under env ELECTRA_BENCH_CACHE, else ~/.cache/electra-bench/shards. */
    public static Path defaultCacheRoot() {
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "electra-bench", "shards");
    }

    public static Inputs open(RunConfig cfg, Path dataDir, Path cacheRoot, long seed) {
        Path vocabFile = cfg.vocabPath(dataDir);
        Path corpus = cfg.corpusPath(dataDir);
        if (!Files.exists(corpus)) {
            throw UserException.in(corpus, "pre-training corpus not found (data dir " + dataDir + ")");
        }
        Vocab vocab = Vocab.load(vocabFile);
        if (vocab.size() != cfg.model().vocabSize()) {
            throw UserException.in(vocabFile, "vocabulary has " + vocab.size() + " tokens but model.vocab_size is "
                    + cfg.model().vocabSize());
        }
        ShardCache cache = new ShardCache(cacheRoot, new WordPieceTokenizer(vocab), vocab);
        PretrainingDataSpec spec = PretrainingDataSpec.electra(corpus, cfg.pretrain().maxSeqLength(), seed)
                .withMaxExamples(cfg.pretrain().maxExamples());
        ShardCache.Opened opened = cache.open(spec);
        if (opened.examples().size() == 0) {
            throw UserException.in(corpus, "no pre-training examples: the corpus has no text");
        }
        return new Inputs(vocab, new PretrainingDataset(opened.examples(), seed), opened.built(), opened.openSeconds());
    }

    /** ELECTRA masking (85% [MASK], 15% kept) or BERT's (80/10/10), sized by the config. */
    public static MaskingConfig masking(RunConfig cfg, boolean electra) {
        int seq = cfg.pretrain().maxSeqLength();
        MaskingConfig base = electra ? MaskingConfig.electra(seq) : MaskingConfig.bert(seq);
        return new MaskingConfig(cfg.pretrain().maskProb(), cfg.pretrain().maxPredictionsPerSeq(), base.maskTokenProb(),
                base.randomTokenProb());
    }
}
