package dev.electrabench.tasks.qa;

/**
 * One answer candidate of the n-best list: the paragraph substring [charStart, charEnd) chosen by a start
 * and an end token of one feature. The null ("no answer") candidate has empty text, token positions 0 and
 * char offsets -1.
 */
public record SpanCandidate(
        String text, int charStart, int charEnd, int feature, int startToken, int endToken,
        double startLogit, double endLogit) {

    public double score() {
        return startLogit + endLogit;
    }

    public boolean isNull() {
        return charStart < 0;
    }
}
