package dev.electrabench.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BERT's uncased WordPiece tokenizer, matching HF tokenizers' {@code BertTokenizer} for
 * bert-base-uncased: clean text, isolate CJK ideographs, NFD + strip accents + lowercase, split on
 * whitespace and punctuation, greedy longest-match-first wordpieces with {@code ##} continuations, a
 * word longer than 100 chars or with an unmatchable position becomes one {@code [UNK]}, and the
 * literal strings {@code [CLS] [SEP] [MASK] [UNK] [PAD]} in the raw text stay single special tokens.
 *
 * <p>Spans are UTF-16 indices into the original string. A piece spans the original characters its
 * normalized characters came from ("Café" gives "cafe" over 0..4; the three jamo pieces of one Hangul
 * syllable all span that syllable). One deliberate difference from HF's offsets: a combining mark that
 * accent stripping removes is counted with the character before it in the same word, so "cafe" + U+0301
 * spans 0..5 where HF says 0..4 — an extracted answer span then keeps its accent.
 *
 * <p>Character categories follow HF's (Unicode 8.0 tables, see {@link HfUnicodeVersion}). Checked
 * beyond the fixtures against HF tokenizers itself (the native library bundled by DJL) on every code
 * point and on ~1M texts (enwiki, GLUE, SQuAD, CoNLL and random Unicode): identical ids and pair
 * truncation; offsets identical apart from the combining-mark rule above.
 *
 * <p>Thread-safe: all state is immutable after construction.
 */
public final class WordPieceTokenizer implements Tokenizer {
    /** HF's max_input_chars_per_word: longer words (in code points, after normalization) are [UNK]. */
    public static final int MAX_CHARS_PER_WORD = 100;

    private final Vocab vocab;
    private final VocabTrie trie;
    private final int unkId;
    private final String[] specialLiterals;
    private final int[] specialIds;

    public WordPieceTokenizer(Vocab vocab) {
        this.vocab = vocab;
        this.unkId = vocab.unkId();
        if (unkId < 0) {
            throw new IllegalArgumentException("vocabulary has no " + Vocab.UNK + " token");
        }
        this.trie = new VocabTrie(vocab);
        List<String> literals = new ArrayList<>();
        for (String s : List.of(Vocab.CLS, Vocab.SEP, Vocab.MASK, Vocab.UNK, Vocab.PAD)) {
            if (vocab.contains(s)) {
                literals.add(s);
            }
        }
        this.specialLiterals = literals.toArray(new String[0]);
        this.specialIds = literals.stream().mapToInt(vocab::id).toArray();
    }

    public Vocab vocab() {
        return vocab;
    }

    @Override
    public List<Token> tokenize(String text) {
        PieceBuffer pieces = pieces(text);
        List<Token> tokens = new ArrayList<>(pieces.size);
        for (int i = 0; i < pieces.size; i++) {
            int id = pieces.ids[i];
            tokens.add(new Token(id, vocab.token(id), pieces.starts[i], pieces.ends[i]));
        }
        return tokens;
    }

    @Override
    public int[] ids(String text) {
        PieceBuffer pieces = pieces(text);
        return Arrays.copyOf(pieces.ids, pieces.size);
    }

    /** {@code [CLS] text [SEP]}, no truncation, no padding. */
    public Encoding encode(String text) {
        return encode(text, null, 0, false);
    }

    /**
     * Model inputs for one text or a text pair: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}
     * (A part type 0, B part type 1), wordpieces cut from the right to fit {@code maxLength} (pairs by
     * {@link Truncation#truncatedLengths}), then optionally padded on the right with {@code [PAD]}.
     * Offsets of A pieces index {@code text}, of B pieces {@code pair}; added tokens have (0, 0).
     *
     * @param pair          the second text, or null for a single text
     * @param maxLength     total length including special tokens; 0 = no truncation
     * @param padToMaxLength pad to {@code maxLength} (requires maxLength &gt; 0)
     */
    public Encoding encode(String text, String pair, int maxLength, boolean padToMaxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
        }
        if (padToMaxLength && maxLength == 0) {
            throw new IllegalArgumentException("padding to max length needs maxLength > 0");
        }
        int clsId = required(Vocab.CLS);
        int sepId = required(Vocab.SEP);
        PieceBuffer a = pieces(text);
        PieceBuffer b = pair == null ? null : pieces(pair);
        int lenA = a.size;
        int lenB = b == null ? 0 : b.size;
        int specials = b == null ? 2 : 3;
        if (maxLength > 0) {
            int budget = maxLength - specials;
            if (budget < 0) {
                throw new IllegalArgumentException(
                        "maxLength " + maxLength + " cannot hold the " + specials + " special tokens");
            }
            int[] kept = Truncation.truncatedLengths(lenA, lenB, budget);
            lenA = kept[0];
            lenB = kept[1];
        }
        int used = specials + lenA + lenB;
        int total = padToMaxLength ? maxLength : used;
        int padId = padToMaxLength ? required(Vocab.PAD) : 0;

        int[] ids = new int[total];
        int[] types = new int[total];
        int[] mask = new int[total];
        int[][] offsets = new int[total][];
        int p = 0;
        p = put(ids, types, offsets, p, clsId, 0, 0, 0);
        for (int i = 0; i < lenA; i++) {
            p = put(ids, types, offsets, p, a.ids[i], 0, a.starts[i], a.ends[i]);
        }
        p = put(ids, types, offsets, p, sepId, 0, 0, 0);
        if (b != null) {
            for (int i = 0; i < lenB; i++) {
                p = put(ids, types, offsets, p, b.ids[i], 1, b.starts[i], b.ends[i]);
            }
            p = put(ids, types, offsets, p, sepId, 1, 0, 0);
        }
        Arrays.fill(mask, 0, p, 1);
        while (p < total) {
            p = put(ids, types, offsets, p, padId, 0, 0, 0);
        }
        String[] tokens = new String[total];
        for (int i = 0; i < total; i++) {
            tokens[i] = vocab.token(ids[i]);
        }
        return new Encoding(ids, types, mask, tokens, offsets);
    }

    private static int put(int[] ids, int[] types, int[][] offsets, int p, int id, int type, int start, int end) {
        ids[p] = id;
        types[p] = type;
        offsets[p] = new int[] {start, end};
        return p + 1;
    }

    private int required(String special) {
        int id = vocab.id(special);
        if (id < 0) {
            throw new IllegalStateException("vocabulary has no " + special + " token");
        }
        return id;
    }

    /** All wordpieces of {@code text} with their spans. */
    PieceBuffer pieces(String text) {
        Scan scan = new Scan(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int special = specialAt(text, i);
                if (special >= 0) {
                    scan.endWord();
                    int len = specialLiterals[special].length();
                    scan.out.add(specialIds[special], i, i + len);
                    i += len;
                    continue;
                }
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                byte kind = BertCharTable.astralKind(cp);
                if (kind == BertCharTable.MULTI || kind == BertCharTable.MULTI_ALONE) {
                    scan.addForm(BertCharTable.astralForm(cp), kind == BertCharTable.MULTI_ALONE, i, i + 2);
                } else {
                    scan.addKind(kind, '\0', i, i + 2);
                }
                i += 2;
                continue;
            }
            byte kind = BertCharTable.kind(c);
            switch (kind) {
                case BertCharTable.WORD:
                    scan.append(BertCharTable.simple(c), i, i + 1);
                    break;
                case BertCharTable.MULTI:
                case BertCharTable.MULTI_ALONE:
                    scan.addForm(BertCharTable.form(c), kind == BertCharTable.MULTI_ALONE, i, i + 1);
                    break;
                default:
                    scan.addKind(kind, BertCharTable.simple(c), i, i + 1);
            }
            i++;
        }
        scan.endWord();
        return scan.out;
    }

    private int specialAt(String text, int i) {
        for (int s = 0; s < specialLiterals.length; s++) {
            if (text.startsWith(specialLiterals[s], i)) {
                return s;
            }
        }
        return -1;
    }

    /** The word being assembled (normalized chars, each with its original span) and the output so far. */
    private final class Scan {
        final PieceBuffer out;
        char[] chars = new char[32];
        int[] starts = new int[32];
        int[] ends = new int[32];
        int length;

        Scan(int textLength) {
            // bert-base-uncased averages about one piece per 4-5 chars of English
            out = new PieceBuffer(textLength / 4 + 4);
        }

        /** A char of kind other than WORD / MULTI, spanning [start, end) of the original. */
        void addKind(byte kind, char normalized, int start, int end) {
            switch (kind) {
                case BertCharTable.SPACE:
                    endWord();
                    break;
                case BertCharTable.ALONE:
                    endWord();
                    append(normalized, start, end);
                    endWord();
                    break;
                case BertCharTable.MARK:
                    if (length > 0) {
                        ends[length - 1] = end; // the stripped accent belongs to the char it decorated
                    }
                    break;
                default: // DROP: removed by cleaning without splitting the word
                    break;
            }
        }

        /** Normalized chars of one original code point; punctuation among them is split off. */
        void addForm(String form, boolean alone, int start, int end) {
            if (alone) {
                endWord();
            }
            for (int k = 0; k < form.length(); ) {
                int cp = form.codePointAt(k);
                int count = Character.charCount(cp);
                boolean punct = BertCharTable.isPunctuation(cp);
                if (punct) {
                    endWord();
                }
                for (int j = 0; j < count; j++) {
                    append(form.charAt(k + j), start, end);
                }
                if (punct) {
                    endWord();
                }
                k += count;
            }
            if (alone) {
                endWord();
            }
        }

        void append(char c, int start, int end) {
            if (length == chars.length) {
                int cap = length * 2;
                chars = Arrays.copyOf(chars, cap);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            chars[length] = c;
            starts[length] = start;
            ends[length] = end;
            length++;
        }

        /** WordPiece on the assembled word, then start a new one. */
        void endWord() {
            if (length == 0) {
                return;
            }
            int wordStart = starts[0];
            int wordEnd = ends[length - 1];
            if (length > MAX_CHARS_PER_WORD
                    && Character.codePointCount(chars, 0, length) > MAX_CHARS_PER_WORD) {
                out.add(unkId, wordStart, wordEnd);
                length = 0;
                return;
            }
            int mark = out.size;
            int pos = 0;
            while (pos < length) {
                long match = trie.longestMatch(chars, pos, length, pos > 0);
                if (match < 0) {
                    out.size = mark; // one unmatchable position makes the whole word [UNK]
                    out.add(unkId, wordStart, wordEnd);
                    length = 0;
                    return;
                }
                int end = (int) (match >>> 32);
                out.add((int) match, starts[pos], ends[end - 1]);
                pos = end;
            }
            length = 0;
        }
    }
}
