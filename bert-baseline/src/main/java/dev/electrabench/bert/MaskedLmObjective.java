package dev.electrabench.bert;

import dev.electrabench.core.checkpoint.HfCheckpoint;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.config.TransformerConfig;
import dev.electrabench.core.flops.FlopCounter;
import dev.electrabench.core.flops.MatmulFlops;
import dev.electrabench.core.flops.TransformerFlopsParams;
import dev.electrabench.core.model.Architecture;
import dev.electrabench.core.model.Heads;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.model.TransformerModel;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.MaskingConfig;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.train.LossAndGradients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT's masked-language-model objective (no next-sentence prediction, dynamic masking 80/10/10): mean
 * cross-entropy of the tied-decoder MLM head over the masked positions.
 *
 * <p>With E == H the model is HF's {@code BertForMaskedLM}. With factorised embeddings (E ≠ H, as the
 * ELECTRA paper's BERT-Small) HF BERT has no {@code embeddings_project}, so the model is stored as
 * {@code ElectraForMaskedLM} — exactly google-research/electra's BERT baseline (its code with
 * {@code electra_objective=False}).
 */
public final class MaskedLmObjective implements PretrainingObjective {
    public static final String FOLDER = "bert";

    private final TransformerModel model;
    private final MaskingConfig masking;
    private final int seqLength;

    public MaskedLmObjective(TransformerConfig encoder, MaskingConfig masking, int seqLength, long seed) {
        Architecture arch = encoder.embeddingSize() == encoder.hiddenSize
                ? Architecture.BERT_FOR_MASKED_LM : Architecture.ELECTRA_FOR_MASKED_LM;
        TransformerConfig c = encoder.copy();
        c.architectures = List.of(arch.hfName());
        c.modelType = arch.modelType();
        this.model = TransformerModel.initialize(c, arch, seed);
        this.masking = masking;
        this.seqLength = seqLength;
    }

    private Heads.MlmNames headNames() {
        return model.architecture() == Architecture.BERT_FOR_MASKED_LM ? Heads.MlmNames.BERT : Heads.MlmNames.ELECTRA_GENERATOR;
    }

    public TransformerModel model() {
        return model;
    }

    @Override
    public String name() {
        return "bert";
    }

    @Override
    public Parameters parameters() {
        return model.parameters();
    }

    @Override
    public String buildTrainingGraph(SameDiff sd, int batchSize) {
        return build(sd, true, batchSize);
    }

    /** {@link MaskedLmGraph}; {@code training} turns dropout on; {@code batchSize} 0 keeps shapes dynamic. */
    public String build(SameDiff sd, boolean training, int batchSize) {
        return MaskedLmGraph.build(sd, model, headNames(), seqLength, training, batchSize);
    }

    /** {@link MaskedLmEngine}: same loss, gradients and metrics as {@link #buildTrainingGraph}. */
    @Override
    public Optional<LossAndGradients<MaskedBatch>> engineStep() {
        return Optional.of(engine(true));
    }

    /** The eager step; {@code training} turns dropout on. */
    public MaskedLmEngine engine(boolean training) {
        return new MaskedLmEngine(model.config(), model.parameters(), model.architecture().backbone(), headNames(),
                model.architecture().wordEmbeddings(), training);
    }

    @Override
    public List<String> metricNames() {
        // mlm_masked_accuracy, repr_spread: eager engine only (the SameDiff graph leaves the column empty)
        return List.of("mlm_loss", "mlm_accuracy", "mlm_masked_accuracy", "repr_spread");
    }

    @Override
    public Map<String, INDArray> graphFeed(MaskedBatch batch) {
        return MaskedLmGraph.feed(batch);
    }

    @Override
    public MaskingConfig masking() {
        return masking;
    }

    @Override
    public double trainFlopsPerStep(int batchSize) {
        return FlopCounter.bertTrainFlops(TransformerFlopsParams.of(model.config(), seqLength), batchSize, 1);
    }

    @Override
    public double matmulFlopsPerStep(int batchSize) {
        TransformerConfig c = model.config();
        return MatmulFlops.encoder(batchSize, seqLength, c.numHiddenLayers, c.hiddenSize, c.intermediateSize, c.embeddingSize())
                + MatmulFlops.maskedLmHead((long) batchSize * masking.maxPredictionsPerSeq(), c.hiddenSize,
                        c.embeddingSize(), c.vocabSize);
    }

    @Override
    public void saveModels(Path dir, Vocab vocab) {
        HfCheckpoint.save(model, dir.resolve(FOLDER), vocab);
    }

    @Override
    public void loadModels(Path dir) {
        loadModel(dir.resolve(FOLDER));
    }

    /** Loads weights from an HF folder of the same architecture and size. */
    public void loadModel(Path hfFolder) {
        model.parameters().assignFrom(HfCheckpoint.load(hfFolder).parameters().asMap());
    }

    @Override
    public String fineTuneFolder() {
        return FOLDER;
    }
}
