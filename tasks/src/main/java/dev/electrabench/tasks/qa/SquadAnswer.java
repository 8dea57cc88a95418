package dev.electrabench.tasks.qa;

/** A gold answer: its text and the character offset where it starts in the paragraph. */
public record SquadAnswer(String text, int start) {}
