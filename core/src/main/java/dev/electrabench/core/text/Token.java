package dev.electrabench.core.text;

/**
 * One wordpiece: its vocabulary id, its text as in the vocabulary (with {@code ##} for continuations),
 * and the character span [start, end) of the original text it came from (SQuAD and NER map answers and
 * labels through these offsets). Special tokens added by the encoder have the span (0, 0).
 */
public record Token(int id, String piece, int start, int end) {}
