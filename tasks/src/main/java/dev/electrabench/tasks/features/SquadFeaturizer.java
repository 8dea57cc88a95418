package dev.electrabench.tasks.features;

import dev.electrabench.core.text.Token;
import dev.electrabench.core.text.Vocab;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.qa.SquadAnswer;
import dev.electrabench.tasks.qa.SquadExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BERT's {@code convert_examples_to_features} for SQuAD (ELECTRA's defaults: doc_stride 128,
 * max_query_length 64; max_seq_length 384 here, ELECTRA uses 512). The question is cut to
 * max_query_length pieces (and to half of the window when max_seq_length is below 2·64 + 3, for quick runs); the paragraph is covered by windows of max_seq_length − |question| − 3 pieces
 * that start doc_stride pieces apart; each window becomes {@code [CLS] question [SEP] window [SEP]}
 * (segment 0, then 1).
 *
 * <p>Training targets: the gold answer's characters [answer_start, answer_start + |text|) are mapped to the
 * first and last paragraph tokens they overlap, through the tokenizer's character offsets (BERT goes
 * through whitespace words and then tightens with {@code _improve_answer_span}; offsets give the tight
 * span directly). A window that does not contain the whole answer, and every window of an unanswerable
 * SQuAD 2.0 question, targets [CLS]. Training questions whose answer covers no token are skipped, as BERT
 * skips answers it cannot find in the paragraph.
 */
public final class SquadFeaturizer {
    public static final int DEFAULT_MAX_SEQ_LENGTH = 384;
    public static final int DEFAULT_DOC_STRIDE = 128;
    public static final int DEFAULT_MAX_QUERY_LENGTH = 64;

    private final WordPieceTokenizer tokenizer;
    private final int maxSeqLength;
    private final int docStride;
    private final int maxQueryLength;

    public SquadFeaturizer(WordPieceTokenizer tokenizer, int maxSeqLength, int docStride, int maxQueryLength) {
        if (docStride < 1 || maxQueryLength < 1 || maxSeqLength < 5) {
            throw new IllegalArgumentException("need doc_stride >= 1, max_query_length >= 1 and max_seq_length >= 5, got "
                    + docStride + ", " + maxQueryLength + ", " + maxSeqLength);
        }
        this.tokenizer = tokenizer;
        this.maxSeqLength = maxSeqLength;
        this.docStride = docStride;
        // short test sequences keep at least half of the window for the paragraph
        this.maxQueryLength = Math.min(maxQueryLength, (maxSeqLength - 3) / 2);
    }

    public SquadFeaturizer(WordPieceTokenizer tokenizer, int maxSeqLength) {
        this(tokenizer, maxSeqLength, DEFAULT_DOC_STRIDE, DEFAULT_MAX_QUERY_LENGTH);
    }

    /**
     * The windows of every question, in order.
     *
     * @param training whether to set answer targets (from each question's first gold answer)
     */
    public List<SquadFeature> featurize(List<SquadExample> examples, boolean training) {
        List<SquadFeature> out = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            SquadExample ex = examples.get(e);
            List<Token> query = tokenizer.tokenize(ex.question());
            if (query.size() > maxQueryLength) {
                query = query.subList(0, maxQueryLength);
            }
            List<Token> doc = tokenizer.tokenize(ex.context());
            int[] answer = null;
            if (training && ex.hasAnswer()) {
                answer = answerTokens(doc, ex.answers().get(0));
                if (answer == null) {
                    continue;
                }
            }
            List<int[]> spans = windows(doc.size(), maxSeqLength - query.size() - 3);
            for (int s = 0; s < spans.size(); s++) {
                out.add(window(e, query, doc, spans, s, answer));
            }
        }
        return out;
    }

    /** First and last paragraph token overlapping the answer's characters, or null if none does. */
    static int[] answerTokens(List<Token> doc, SquadAnswer answer) {
        int from = answer.start();
        int to = from + answer.text().length();
        int first = -1;
        int last = -1;
        for (int i = 0; i < doc.size(); i++) {
            Token t = doc.get(i);
            if (t.end() > from && t.start() < to) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /** {start, length} of each window over {@code docLength} pieces (BERT's doc_spans). */
    List<int[]> windows(int docLength, int maxTokensForDoc) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        while (start < docLength) {
            int length = Math.min(docLength - start, maxTokensForDoc);
            spans.add(new int[] {start, length});
            if (start + length == docLength) {
                break;
            }
            start += Math.min(length, docStride);
        }
        return spans;
    }

    /**
     * BERT's {@code _check_is_max_context}: among the windows holding doc token {@code position}, the one
     * maximising min(tokens left, tokens right) + 0.01·window length (first one on ties).
     */
    static boolean isMaxContext(List<int[]> spans, int current, int position) {
        double bestScore = -1;
        int best = -1;
        for (int i = 0; i < spans.size(); i++) {
            int start = spans.get(i)[0];
            int end = start + spans.get(i)[1] - 1;
            if (position < start || position > end) {
                continue;
            }
            double score = Math.min(position - start, end - position) + 0.01 * spans.get(i)[1];
            if (best < 0 || score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best == current;
    }

    private SquadFeature window(int example, List<Token> query, List<Token> doc, List<int[]> spans, int s, int[] answer) {
        Vocab vocab = tokenizer.vocab();
        int[] ids = new int[maxSeqLength];
        int[] types = new int[maxSeqLength];
        int[] charStart = new int[maxSeqLength];
        int[] charEnd = new int[maxSeqLength];
        boolean[] maxContext = new boolean[maxSeqLength];
        Arrays.fill(charStart, -1);
        Arrays.fill(charEnd, -1);
        int p = 0;
        ids[p++] = vocab.clsId();
        for (Token q : query) {
            ids[p++] = q.id();
        }
        ids[p++] = vocab.sepId();
        int docOffset = p;
        int spanStart = spans.get(s)[0];
        int spanLength = spans.get(s)[1];
        for (int i = spanStart; i < spanStart + spanLength; i++) {
            Token t = doc.get(i);
            ids[p] = t.id();
            types[p] = 1;
            charStart[p] = t.start();
            charEnd[p] = t.end();
            maxContext[p] = isMaxContext(spans, s, i);
            p++;
        }
        ids[p] = vocab.sepId();
        types[p] = 1;
        p++;
        int start = 0;
        int end = 0;
        if (answer != null && answer[0] >= spanStart && answer[1] < spanStart + spanLength) {
            start = docOffset + answer[0] - spanStart;
            end = docOffset + answer[1] - spanStart;
        }
        InputFeature input = InputFeature.padded(example, ids, types, p, maxSeqLength, vocab.padId());
        return new SquadFeature(input, start, end, charStart, charEnd, maxContext);
    }
}
