package dev.electrabench.tasks.finetune;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.config.FinetuneSection;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.TransformerModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Randomly initialised ELECTRA discriminators over the BERT vocabulary, and small fine-tuning configs, for tests. */
final class TinyModels {
    private TinyModels() {}

    /** An ElectraForPreTraining folder: vocab 30522, E 32, H 64, {@code layers} layers, 2 heads, FFN 128, 128 positions. */
    static Path randomDiscriminator(Path dir, int layers, long seed) {
        TransformerConfig c = new TransformerConfig();
        c.vocabSize = 30522;
        c.embeddingSize = 32;
        c.hiddenSize = 64;
        c.numHiddenLayers = layers;
        c.numAttentionHeads = 2;
        c.intermediateSize = 128;
        c.maxPositionEmbeddings = 128;
        c.architectures = List.of(Architecture.ELECTRA_FOR_PRETRAINING.hfName());
        HfCheckpoint.save(TransformerModel.initialize(c, Architecture.ELECTRA_FOR_PRETRAINING, seed), dir);
        return dir;
    }

    static RunConfig config(double lr, int batch, int maxSeq, int epochs, long maxTrainExamples) {
        return config(lr, batch, maxSeq, epochs, maxTrainExamples, FinetuneSection.PAD_LONGEST);
    }

    /** @param padding {@link FinetuneSection#PAD_LONGEST} or {@link FinetuneSection#PAD_MAX_LENGTH} */
    static RunConfig config(double lr, int batch, int maxSeq, int epochs, long maxTrainExamples, String padding) {
        RunConfig d = RunConfig.defaults();
        FinetuneSection ft = new FinetuneSection(lr, 0.8, 0.0, 0.1, batch, maxSeq,
                new TreeMap<>(Map.of(FinetuneSection.DEFAULT_EPOCHS, epochs)), maxTrainExamples, 0.1, padding, false);
        return new RunConfig("test", d.seed(), null, d.vocab(), d.corpus(), d.model(), d.generator(), d.pretrain(), ft);
    }
}
