package dev.electrabench.tasks.features;

import dev.electrabench.core.text.Token;
import dev.electrabench.core.text.WordPieceTokenizer;
import dev.electrabench.tasks.tagging.ConllSentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CoNLL-2003 featurization: one row per sentence (sentence context, as BERT's NER setup), {@code [CLS]
 * w1 w2 ... [SEP]} with segment id 0, each word tokenized on its own; the word's IOB2 label sits on its
 * first sub-token and every other position is ignored by the loss (ELECTRA's {@code tokenize_and_align} /
 * BERT's first-sub-token convention). A sentence whose pieces do not fit in max_seq_length − 2 is split
 * at word boundaries into consecutive windows, so each word is labelled in exactly one row. A word that
 * tokenizes to nothing (only characters BERT's cleaning drops) becomes [UNK] so every word gets a
 * prediction. ELECTRA itself trains on BIOES tags and puts segment id 1 on tagging inputs; we keep the
 * files' IOB2 labels (conlleval reads them directly) and the single-sentence segment id 0.
 */
public final class ConllFeaturizer {
    private final WordPieceTokenizer tokenizer;
    private final List<String> labels;
    private final int maxSeqLength;

    /**
     * @param labels the label set in classifier order (e.g. {@code IobTags.CONLL_LABELS})
     */
    public ConllFeaturizer(WordPieceTokenizer tokenizer, List<String> labels, int maxSeqLength) {
        if (maxSeqLength < 3) {
            throw new IllegalArgumentException("max_seq_length must leave room for one word: " + maxSeqLength);
        }
        this.tokenizer = tokenizer;
        this.labels = List.copyOf(labels);
        this.maxSeqLength = maxSeqLength;
    }

    /** The rows of {@code sentences} in order (windows of one sentence consecutive). */
    public List<TaggingFeature> featurize(List<ConllSentence> sentences) {
        List<TaggingFeature> out = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s++) {
            ConllSentence sentence = sentences.get(s);
            List<int[]> pieces = new ArrayList<>(sentence.size());
            for (String word : sentence.tokens()) {
                pieces.add(wordPieces(word));
            }
            int window = maxSeqLength - 2;
            int w = 0;
            while (w < pieces.size()) {
                int used = 0;
                int end = w;
                // at least one word per window; a single word longer than the window keeps its first pieces
                while (end < pieces.size() && (end == w || used + pieces.get(end).length <= window)) {
                    used += Math.min(pieces.get(end).length, window);
                    end++;
                }
                out.add(row(s, sentence, pieces, w, end));
                w = end;
            }
        }
        return out;
    }

    private int[] wordPieces(String word) {
        List<Token> tokens = tokenizer.tokenize(word);
        if (tokens.isEmpty()) {
            return new int[] {tokenizer.vocab().unkId()};
        }
        return tokens.stream().mapToInt(Token::id).toArray();
    }

    private TaggingFeature row(int example, ConllSentence sentence, List<int[]> pieces, int from, int to) {
        int[] ids = new int[maxSeqLength];
        int[] types = new int[maxSeqLength];
        int[] labelIds = new int[maxSeqLength];
        int[] wordIndex = new int[maxSeqLength];
        Arrays.fill(labelIds, -1);
        Arrays.fill(wordIndex, -1);
        int p = 0;
        ids[p++] = tokenizer.vocab().clsId();
        for (int w = from; w < to; w++) {
            int[] wp = pieces.get(w);
            int n = Math.min(wp.length, maxSeqLength - 1 - p);
            labelIds[p] = labels.indexOf(sentence.tags().get(w));
            wordIndex[p] = w;
            System.arraycopy(wp, 0, ids, p, n);
            p += n;
        }
        ids[p++] = tokenizer.vocab().sepId();
        InputFeature input = InputFeature.padded(example, ids, types, p, maxSeqLength, tokenizer.vocab().padId());
        return new TaggingFeature(input, labelIds, wordIndex);
    }
}
