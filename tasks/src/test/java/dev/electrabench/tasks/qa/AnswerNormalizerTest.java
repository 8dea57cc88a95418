package dev.electrabench.tasks.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Expected values are what the official {@code normalize_answer} returns under Python 3.11 (run by hand
 * when writing this test), with the reason for each case.
 */
class AnswerNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "The Theater|theater",            // 'the' removed as a word, kept inside 'theater'
        "theater|theater",
        "“quoted”|“quoted”",              // Unicode quotes are not string.punctuation
        "1914—1918|1914—1918",            // nor is the em dash
        "a|''",
        "^^|''",                          // empty answer
        "A  man's   hat!|mans hat",       // apostrophe dropped, whitespace collapsed
        "an-apple|anapple",               // punctuation goes first, so 'an' is no longer a word
        "the_end|theend",                 // '_' is punctuation
        "über the top|über top",
        "éthe|éthe",                      // 'é' is a word character: no boundary before 'the'
        "the²|the²",                      // '²' is alphanumeric in Python (isdigit)
        "the…|…",                         // '…' is neither punctuation nor a word character
        "ÉCOLE|école",
        "(the) a.n. the's|thes",
        "Ⅻthe|ⅻthe",                      // Roman numeral (Nl) is a word character, lowercases to ⅻ
        "ΟΔΟΣ|οδος",                      // final sigma
    })
    void matchesOfficialNormalization(String input, String expected) {
        assertEquals(expected.equals("''") ? "" : expected, AnswerNormalizer.normalize(input));
    }

    @Test
    void splitsOnUnicodeWhitespaceLikePython() {
        // U+00A0 and U+2003 are whitespace for str.split(); U+200B (zero width space) is not; U+0085 is
        assertEquals(List.of("x", "y", "z\u200bw"), AnswerNormalizer.tokens("x\u00a0y\u2003z\u200bw"));
        assertEquals("end", AnswerNormalizer.normalize("THE\u0085end"));
        // a combining accent is not a word character, so 'the' before it is still a word
        assertEquals("\u0301", AnswerNormalizer.normalize("the\u0301"));
    }
}
