package dev.electrabench.harness.bench;

import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.optim.AdamW;
import dev.electrabench.core.optim.AdamWConfig;
import dev.electrabench.core.pretrain.MaskedBatch;
import dev.electrabench.core.pretrain.Masker;
import dev.electrabench.core.pretrain.PretrainingObjective;
import dev.electrabench.core.pretrain.PretrainingSetup;
import dev.electrabench.core.pretrain.PretrainingSteps;
import dev.electrabench.core.train.TrainingStep;
import dev.electrabench.harness.pretrain.PretrainingObjectives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One pre-training optimizer step (forward + backward + AdamW) on real, pre-masked batches, set up
 * exactly as {@code pretrain} runs it; shared by the {@code bench} command and the JMH benchmark.
 */
public final class TrainingStepRig {
    private final PretrainingObjective objective;
    private final TrainingStep<MaskedBatch> trainer;
    private final long seed;
    private final List<MaskedBatch> maskedBatches = new ArrayList<>();
    private final int batch;
    private final int seq;
    private long step;

    public TrainingStepRig(RunConfig cfg, String model, Path dataDir, int batches) {
        this.objective = PretrainingObjectives.of(cfg, model, cfg.seed());
        PretrainingSetup.Inputs in = PretrainingSetup.open(cfg, dataDir, PretrainingSetup.defaultCacheRoot(), cfg.seed());
        Masker masker = new Masker(objective.masking(), in.vocab());
        this.batch = cfg.pretrain().batchSize();
        this.seq = cfg.pretrain().maxSeqLength();
        for (int i = 0; i < batches; i++) {
            maskedBatches.add(masker.mask(in.dataset().next(batch), cfg.seed(), i));
        }
        this.seed = cfg.seed();
        var p = cfg.pretrain();
        this.trainer = new TrainingStep<>(PretrainingSteps.create(objective, batch, seed), objective.parameters(),
                new AdamW(new AdamWConfig(p.adamBeta1(), p.adamBeta2(), p.adamEpsilon(), p.weightDecay(),
                        p.biasCorrection(), p.maxGradNorm())));
    }

    /** One step on the next pre-masked batch; returns the loss. */
    public double step() {
        MaskedBatch b = maskedBatches.get((int) (step % maskedBatches.size()));
        double loss = trainer.step(b, PretrainingSteps.stepSeed(seed, step), 1e-4).loss();
        step++;
        return loss;
    }

    public long tokensPerStep() {
        return (long) batch * seq;
    }

    /** Paper convention (backward = forward). */
    public double flopsPerStep() {
        return objective.trainFlopsPerStep(batch);
    }

    /** Matmul FLOPs as executed (the MFU numerator; see {@code MatmulFlops}). */
    public double matmulFlopsPerStep() {
        return objective.matmulFlopsPerStep(batch);
    }

    /** The 3×-forward convention: backward = 2× forward, i.e. 1.5× the paper's count. */
    public double flopsPerStep3x() {
        return 1.5 * flopsPerStep();
    }
}
