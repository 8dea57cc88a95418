package dev.electrabench.tasks.qa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns start/end logits into an answer as BERT's {@code write_predictions} does (ELECTRA's defaults:
 * n-best 20, max answer length 30 tokens): for every feature, pair each of the n best start positions
 * with each of the n best end positions, keep pairs that lie in the paragraph, start at a max-context
 * token, end at or after the start and span at most {@code maxAnswerLength} tokens; rank by start + end
 * logit, de-duplicate texts, keep n. The text is cut straight from the paragraph through the tokens'
 * character offsets (so casing, accents and spacing are the original ones).
 *
 * <p>SQuAD 2.0: the null score is the minimum [CLS] start+end over the features; "no answer" is
 * predicted when null score − best span score exceeds the threshold. One deviation: where BERT would
 * output the literal "empty" because no top-n pair is valid, this falls back to the best valid pair among
 * all positions.
 */
public final class SpanDecoder {
    public static final int DEFAULT_N_BEST = 20;
    public static final int DEFAULT_MAX_ANSWER_LENGTH = 30;

    private final int nBest;
    private final int maxAnswerLength;

    public SpanDecoder(int nBest, int maxAnswerLength) {
        if (nBest < 1 || maxAnswerLength < 1) {
            throw new IllegalArgumentException("nBest and maxAnswerLength must be positive");
        }
        this.nBest = nBest;
        this.maxAnswerLength = maxAnswerLength;
    }

    public SpanDecoder() {
        this(DEFAULT_N_BEST, DEFAULT_MAX_ANSWER_LENGTH);
    }

    /** SQuAD 1.1: the best span, never "no answer". */
    public SpanPrediction decode(String context, List<FeatureLogits> features) {
        List<SpanCandidate> ranked = rankedSpans(context, features);
        List<SpanCandidate> best = distinct(ranked);
        return new SpanPrediction(best.get(0).text(), Double.NaN, best);
    }

    /**
     * SQuAD 2.0: the best span, or "" when min null score − best span score > {@code nullThreshold}
     * (ELECTRA's default threshold on these logits is −2.75; BERT's 0).
     */
    public SpanPrediction decode(String context, List<FeatureLogits> features, double nullThreshold) {
        List<SpanCandidate> ranked = new ArrayList<>(rankedSpans(context, features));
        SpanCandidate nullCandidate = null;
        for (int f = 0; f < features.size(); f++) {
            FeatureLogits feature = features.get(f);
            if (nullCandidate == null || feature.nullScore() < nullCandidate.score()) {
                nullCandidate = new SpanCandidate("", -1, -1, f, 0, 0, feature.startLogits()[0], feature.endLogits()[0]);
            }
        }
        SpanCandidate bestSpan = ranked.get(0);
        ranked.add(nullCandidate);
        ranked.sort(Comparator.comparingDouble(SpanCandidate::score).reversed()); // stable
        List<SpanCandidate> best = distinct(ranked);
        if (best.stream().noneMatch(SpanCandidate::isNull)) {
            best.add(nullCandidate); // BERT keeps the null entry even when it falls out of the n best
        }
        double diff = nullCandidate.score() - bestSpan.score();
        return new SpanPrediction(diff > nullThreshold ? "" : bestSpan.text(), diff, best);
    }

    /** All valid top-n pairs over all features, best first (never empty for a non-empty paragraph). */
    private List<SpanCandidate> rankedSpans(String context, List<FeatureLogits> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no features to decode");
        }
        List<SpanCandidate> spans = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            FeatureLogits feature = features.get(f);
            addSpans(context, feature, f, topIndices(feature.startLogits(), nBest), topIndices(feature.endLogits(), nBest), spans);
        }
        if (spans.isEmpty()) {
            for (int f = 0; f < features.size(); f++) {
                FeatureLogits feature = features.get(f);
                List<Integer> all = topIndices(feature.startLogits(), feature.length());
                addSpans(context, feature, f, all, topIndices(feature.endLogits(), feature.length()), spans);
            }
        }
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("no feature has a paragraph token at a max-context position");
        }
        spans.sort(Comparator.comparingDouble(SpanCandidate::score).reversed()); // stable: ties keep order
        return spans;
    }

    private void addSpans(String context, FeatureLogits feature, int f, List<Integer> starts, List<Integer> ends,
            List<SpanCandidate> out) {
        for (int s : starts) {
            for (int e : ends) {
                if (!feature.inContext(s) || !feature.inContext(e) || !feature.isMaxContext(s)) {
                    continue;
                }
                if (e < s || e - s + 1 > maxAnswerLength) {
                    continue;
                }
                int from = feature.charStart()[s];
                int to = feature.charEnd()[e];
                out.add(new SpanCandidate(context.substring(from, to), from, to, f, s, e,
                        feature.startLogits()[s], feature.endLogits()[e]));
            }
        }
    }

    /** The first n candidates with distinct texts. */
    private List<SpanCandidate> distinct(List<SpanCandidate> ranked) {
        List<SpanCandidate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SpanCandidate c : ranked) {
            if (out.size() == nBest) {
                break;
            }
            if (seen.add(c.text())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Indices of the n largest values, largest first, ties by lower index (Python's stable sort). */
    static List<Integer> topIndices(float[] values, int n) {
        List<Integer> order = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        return order.subList(0, Math.min(n, order.size()));
    }
}
