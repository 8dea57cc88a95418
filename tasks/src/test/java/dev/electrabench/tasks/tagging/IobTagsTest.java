package dev.electrabench.tasks.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IobTagsTest {

    @Test
    void iob1EntityStartsBecomeB() {
        // I-PER after start -> B; I-PER continues; B-PER (IOB1 split of adjacent PERs) stays;
        // I-LOC after PER (type change) -> B; I-ORG after O -> B
        assertEquals(List.of("B-PER", "I-PER", "B-PER", "B-LOC", "O", "B-ORG", "I-ORG"),
                IobTags.toIob2(List.of("I-PER", "I-PER", "B-PER", "I-LOC", "O", "I-ORG", "I-ORG")));
    }

    @Test
    void iob2IsUnchanged() {
        List<String> iob2 = List.of("B-MISC", "I-MISC", "O", "B-LOC", "B-LOC", "I-LOC");
        assertEquals(iob2, IobTags.toIob2(iob2));
    }

    @Test
    void tagSyntax() {
        assertTrue(IobTags.isIob("O"));
        assertTrue(IobTags.isIob("I-MISC"));
        assertFalse(IobTags.isIob("B-"));
        assertFalse(IobTags.isIob("PER"));
        assertFalse(IobTags.isIob("E-PER"));
        assertEquals("MISC", IobTags.type("B-MISC"));
        assertEquals("", IobTags.type("O"));
        assertThrows(IllegalArgumentException.class, () -> IobTags.toIob2(List.of("S-PER")));
    }
}
