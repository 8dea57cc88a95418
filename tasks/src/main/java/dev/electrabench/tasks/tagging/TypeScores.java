package dev.electrabench.tasks.tagging;

/**
 * Chunk counts of one entity type (or of all types) and the conlleval percentages derived from them:
 * precision = 100·correct/predicted, recall = 100·correct/gold, F1 = 2PR/(P+R), each 0 when undefined.
 */
public record TypeScores(int gold, int predicted, int correct) {

    public double precision() {
        return predicted == 0 ? 0 : 100.0 * correct / predicted;
    }

    public double recall() {
        return gold == 0 ? 0 : 100.0 * correct / gold;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
