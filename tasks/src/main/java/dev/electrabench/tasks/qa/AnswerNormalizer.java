package dev.electrabench.tasks.qa;

import java.util.List;
import java.util.Set;

/**
 * SQuAD's {@code normalize_answer}: lower-case, drop ASCII punctuation ({@code string.punctuation};
 * Unicode punctuation such as “ ” — is kept), replace the whole words a / an / the by a space, and
 * collapse whitespace, in that order.
 */
public final class AnswerNormalizer {
    private AnswerNormalizer() {}

    /** Python's string.punctuation. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    public static String normalize(String s) {
        return String.join(" ", PythonText.split(removeArticles(removePunctuation(PythonText.lower(s)))));
    }

    /** {@code normalize(s).split()}: the tokens of the F1 score. */
    public static List<String> tokens(String s) {
        return PythonText.split(removeArticles(removePunctuation(PythonText.lower(s))));
    }

    private static String removePunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code re.sub(r'\b(a|an|the)\b', ' ', s)}: the pattern matches exactly a maximal run of word characters
     * that spells an article (word boundaries on both sides), so the runs are replaced one by one.
     */
    private static String removeArticles(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!PythonText.isWordChar(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            int end = i;
            while (end < s.length() && PythonText.isWordChar(s.codePointAt(end))) {
                end += Character.charCount(s.codePointAt(end));
            }
            String word = s.substring(i, end);
            out.append(ARTICLES.contains(word) ? " " : word);
            i = end;
        }
        return out.toString();
    }
}
