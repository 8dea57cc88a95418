package dev.electrabench.tasks.features;

import dev.electrabench.core.text.Encoding;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.classification.GlueExample;
import dev.electrabench.tasks.classification.GlueTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GLUE featurization as google-research/electra's {@code classification_tasks.py}: {@code [CLS] A [SEP]}
 * or {@code [CLS] A [SEP] B [SEP]} padded to max_seq_length, a pair cut by HF tokenizers' longest-first
 * rule ({@link dev.electrabench.core.text.Truncation#truncatedLengths}, the rule our tokenizer implements;
 * ELECTRA's loop keeps at most one more token on A). With {@code double_unordered} the training sets of the
 * symmetric tasks MRPC and STS-B also get every pair with its sentences swapped, right after the original.
 */
public final class GlueFeaturizer {
    /** ELECTRA's {@code double_unordered} tasks: the label does not depend on the sentence order. */
    public static final Set<String> UNORDERED = Set.of("mrpc", "stsb");

    private final GlueTask task;
    private final WordPieceTokenizer tokenizer;
    private final int maxSeqLength;

    public GlueFeaturizer(GlueTask task, WordPieceTokenizer tokenizer, int maxSeqLength) {
        this.task = task;
        this.tokenizer = tokenizer;
        this.maxSeqLength = maxSeqLength;
    }

    /**
     * One row per example, in order; training rows of MRPC / STS-B are followed by their swapped copy.
     *
     * @param training whether these are training rows (doubling applies)
     */
    public List<GlueFeature> featurize(List<GlueExample> examples, boolean training) {
        boolean doubled = training && UNORDERED.contains(task.name());
        List<GlueFeature> out = new ArrayList<>(doubled ? 2 * examples.size() : examples.size());
        for (int i = 0; i < examples.size(); i++) {
            GlueExample e = examples.get(i);
            out.add(feature(i, e, e.textA(), e.textB(), false));
            if (doubled && e.textB() != null) {
                out.add(feature(i, e, e.textB(), e.textA(), true));
            }
        }
        return out;
    }

    private GlueFeature feature(int index, GlueExample e, String a, String b, boolean swapped) {
        Encoding enc = tokenizer.encode(a, b, maxSeqLength, true);
        InputFeature input = new InputFeature(index, enc.inputIds(), enc.tokenTypeIds(), enc.attentionMask());
        int label = e.label() == null ? -1 : task.labels().indexOf(e.label());
        double score = e.score() == null ? Double.NaN : e.score();
        return new GlueFeature(input, label, score, swapped);
    }
}
