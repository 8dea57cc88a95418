package dev.electrabench.tasks.qa;

/**
 * A gold answer: its text and where it starts in the paragraph, as a Java string index (the file's
 * {@code answer_start} counts code points; the reader converts, which matters only beyond the BMP).
 */
public record SquadAnswer(String text, int start) {}
