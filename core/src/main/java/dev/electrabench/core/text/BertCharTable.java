package dev.electrabench.core.text;

import java.text.Normalizer;

/**
 * What HF tokenizers' BertNormalizer (clean text, space around CJK ideographs, NFD + drop nonspacing
 * marks, lowercase) and BertPreTokenizer (split on whitespace, isolate punctuation) do to each code
 * point, decided once per BMP character at class load so tokenization is table look-ups only.
 *
 * <p>Deciding per code point is exact for this pipeline: cleaning, CJK spacing, mark stripping and
 * lowercasing are per-character maps, and NFD's only cross-character effect (reordering combining
 * marks) is invisible once the nonspacing marks are dropped.
 */
final class BertCharTable {
    /** Removed by cleaning: NUL, U+FFFD, Cc / Cf / Co except tab, LF, CR (see isDropped). */
    static final byte DROP = 0;
    /** Vanishes under accent stripping (all of its NFD is nonspacing marks); belongs to the char before. */
    static final byte MARK = 1;
    /** Whitespace (tab, LF, CR, Zs, Zl, Zp): ends a word. */
    static final byte SPACE = 2;
    /** Normalizes to the one BMP char {@link #simple}, which continues the current word. */
    static final byte WORD = 3;
    /** Normalizes to the one BMP char {@link #simple}, which is a word of its own (punctuation, CJK). */
    static final byte ALONE = 4;
    /** Normalizes to several chars, {@link #form}; a word of its own when it is a CJK ideograph. */
    static final byte MULTI = 5;
    static final byte MULTI_ALONE = 6;

    private static final int BMP = 0x10000;
    private static final byte[] KIND = new byte[BMP];
    private static final char[] SIMPLE = new char[BMP];
    private static final String[] FORM = new String[BMP];
    /** Whether a BMP char, as it stands after normalization, is punctuation in BERT's sense. */
    private static final boolean[] PUNCT = new boolean[BMP];

    static {
        for (int c = 0; c < BMP; c++) {
            PUNCT[c] = computePunctuation(c);
        }
        for (int c = 0; c < BMP; c++) {
            classify(c);
        }
    }

    private BertCharTable() {}

    static byte kind(char c) {
        return KIND[c];
    }

    static char simple(char c) {
        return SIMPLE[c];
    }

    /** The normalized chars of a {@link #MULTI} / {@link #MULTI_ALONE} BMP char. */
    static String form(char c) {
        return FORM[c];
    }

    static boolean isPunctuation(int cp) {
        return cp < BMP ? PUNCT[cp] : computePunctuation(cp);
    }

    /** Kind of a supplementary-plane code point (rare, so decided on the fly). */
    static byte astralKind(int cp) {
        if (isDropped(cp)) {
            return DROP;
        }
        if (isWhitespace(cp)) {
            return SPACE;
        }
        String form = normalize(cp);
        if (form.isEmpty()) {
            return MARK;
        }
        return isCjkIdeograph(cp) ? MULTI_ALONE : MULTI;
    }

    /** Normalized chars of a supplementary-plane code point that is neither dropped nor whitespace. */
    static String astralForm(int cp) {
        return normalize(cp);
    }

    private static void classify(int c) {
        if (isDropped(c)) {
            KIND[c] = DROP;
            return;
        }
        if (isWhitespace(c)) {
            KIND[c] = SPACE;
            return;
        }
        String form = normalize(c);
        boolean cjk = isCjkIdeograph(c);
        if (form.isEmpty()) {
            KIND[c] = MARK;
        } else if (form.length() == 1 && !Character.isSurrogate(form.charAt(0))) {
            char n = form.charAt(0);
            SIMPLE[c] = n;
            KIND[c] = cjk || PUNCT[n] ? ALONE : WORD;
        } else {
            FORM[c] = form;
            KIND[c] = cjk ? MULTI_ALONE : MULTI;
        }
    }

    /**
     * HF's "is control" (Cc, Cf, Co; unassigned code points are kept) plus NUL and U+FFFD. A lone
     * surrogate cannot occur in a Rust string (it would arrive as U+FFFD), so it is dropped too.
     */
    private static boolean isDropped(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        if (cp == 0 || cp == 0xFFFD) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.PRIVATE_USE, Character.SURROGATE:
                return true;
            case Character.FORMAT:
                return !HfUnicodeVersion.unknownToHf(cp);
            default:
                return false;
        }
    }

    /** Unicode White_Space minus the control chars that cleaning already dropped. */
    private static boolean isWhitespace(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The CJK Unified Ideograph blocks exactly as HF tokenizers lists them (not kana, not Hangul). */
    private static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** ASCII 33-47, 58-64, 91-96, 123-126 (so $+<=>^`|~ count) and every Unicode P* character HF knows. */
    private static boolean computePunctuation(int cp) {
        if (cp < 128) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
                    || (cp >= 123 && cp <= 126);
        }
        if (HfUnicodeVersion.stillPunctuationInHf(cp)) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION:
                return !HfUnicodeVersion.unknownToHf(cp);
            default:
                return false;
        }
    }

    /**
     * NFD, drop nonspacing marks (Mn), then lowercase each code point, in HF's order. Lowercasing after
     * stripping matters: U+0130 (capital I with dot) decomposes to I + U+0307 first, so it ends as "i".
     */
    private static String normalize(int cp) {
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int d = decomposed.codePointAt(i);
            i += Character.charCount(d);
            if (!isStrippedMark(d)) {
                // Character.toLowerCase is the simple mapping; Rust's full mapping differs only for
                // U+0130, which NFD has already decomposed.
                out.appendCodePoint(Character.toLowerCase(d));
            }
        }
        return out.toString();
    }

    /** A nonspacing mark (Mn) as HF's Unicode 8.0 tables know it. */
    private static boolean isStrippedMark(int cp) {
        return Character.getType(cp) == Character.NON_SPACING_MARK
                && !HfUnicodeVersion.unknownToHf(cp)
                && !HfUnicodeVersion.stillPunctuationInHf(cp);
    }
}
