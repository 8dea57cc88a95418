package dev.electrabench.harness.data;

/** A data file is present but not what it should be (wrong format, truncated, wrong row count). */
public final class CorruptFileException extends Exception {
    public CorruptFileException(String problem) {
        super(problem);
    }
}
