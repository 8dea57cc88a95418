package dev.electrabench.tasks.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * IOB tag helpers. CoNLL-2003's files use IOB1 (an entity starts with I-, and B- only separates two
 * adjacent entities of the same type); models are trained on IOB2 (every entity starts with B-).
 */
public final class IobTags {
    private IobTags() {}

    /** The entity types of CoNLL-2003. */
    public static final List<String> CONLL_TYPES = List.of("PER", "LOC", "ORG", "MISC");

    /** The nine CoNLL-2003 IOB2 labels in a fixed order (a classifier's output order). */
    public static final List<String> CONLL_LABELS = List.of(
            "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC");

    /** Whether {@code tag} is {@code O} or {@code B-T} / {@code I-T} with a non-empty type. */
    public static boolean isIob(String tag) {
        return tag.equals("O") || ((tag.startsWith("B-") || tag.startsWith("I-")) && tag.length() > 2);
    }

    /** "B", "I" or "O". */
    public static String prefix(String tag) {
        return tag.equals("O") ? "O" : tag.substring(0, 1);
    }

    /** The entity type, "" for O. */
    public static String type(String tag) {
        return tag.equals("O") ? "" : tag.substring(2);
    }

    /**
     * IOB1 (or mixed) to IOB2: an I-T that starts an entity, i.e. follows O, another type or the sentence
     * start, becomes B-T. IOB2 input comes back unchanged.
     */
    public static List<String> toIob2(List<String> tags) {
        List<String> out = new ArrayList<>(tags.size());
        String previous = "O";
        for (String tag : tags) {
            if (!isIob(tag)) {
                throw new IllegalArgumentException("not an IOB tag: '" + tag + "'");
            }
            boolean startsEntity = prefix(tag).equals("I") && (previous.equals("O") || !type(previous).equals(type(tag)));
            out.add(startsEntity ? "B-" + type(tag) : tag);
            previous = tag;
        }
        return out;
    }
}
