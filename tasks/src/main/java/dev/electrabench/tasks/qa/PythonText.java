package dev.electrabench.tasks.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3 {@code str} semantics that SQuAD's official evaluation relies on: {@code lower()},
 * {@code split()} on Unicode whitespace, and the regex word characters behind {@code \b}.
 */
final class PythonText {
    private PythonText() {}

    /**
     * {@code str.lower()}: full Unicode lowercasing (e.g. final sigma, U+0130 → "i̇"); Java's root-locale
     * lowercasing follows the same Unicode SpecialCasing rules.
     */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code str.isspace()} for one code point: the Unicode White_Space-like set Python uses (categories
     * Zs/Zl/Zp, the ASCII controls \t \n \x0b \x0c \r \x1c-\x1f, and U+0085). Java's isWhitespace alone
     * misses no-break spaces (U+00A0, U+2007, U+202F) and U+0085.
     */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** {@code str.split()} with no argument: runs of whitespace separate, no empty strings. */
    static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    parts.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            parts.add(s.substring(start));
        }
        return parts;
    }

    /**
     * A word character of Python's {@code re} on str patterns ({@code \w}): alphanumeric by
     * {@code str.isalnum()} (letters L*, numbers Nd/Nl/No) or underscore.
     */
    static boolean isWordChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
