package dev.electrabench.core.pretrain;

import dev.electrabench.core.runtime.EngineChoice;
import dev.electrabench.core.train.LossAndGradients;
import dev.electrabench.core.train.SameDiffGradients;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Picks where a pre-training step's loss and gradients come from: the objective's eager engine when it has
 * one and {@link EngineChoice} allows it (ND4J's CPU backend, not forced to the graph), else its SameDiff
 * training graph.
 */
public final class PretrainingSteps {
    private PretrainingSteps() {}

    /** @param seed the run seed (SameDiff's random ops take their seeds from the global RNG at build time) */
    public static LossAndGradients<MaskedBatch> create(PretrainingObjective objective, int batchSize, long seed) {
        if (EngineChoice.useEngine()) {
            var engine = objective.engineStep();
            if (engine.isPresent()) {
                return engine.get();
            }
        }
        SameDiff sd = SameDiff.create();
        // seed first, or two runs (and a run and its resume) draw different dropout masks and Gumbel noise
        Nd4j.getRandom().setSeed(seed);
        String loss = objective.buildTrainingGraph(sd, batchSize);
        return new SameDiffGradients(sd, loss, objective.parameters(), objective.metricNames()).fedBy(objective::graphFeed);
    }

    /** The seed of every random draw of step {@code step} (0-based) of a run seeded with {@code seed}. */
    public static long stepSeed(long seed, long step) {
        return seed * 1_000_003L + step;
    }
}
