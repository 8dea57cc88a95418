package dev.electrabench.core;

import java.nio.file.Path;

/**
 * A mistake in user input (missing file, malformed config, bad checkpoint). The CLI prints its
 * message as one line and exits with code 2; it is never shown as a stack trace.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file: problem". */
    public static UserException in(Path file, String problem) {
        return new UserException(file + ": " + problem);
    }

    /** "file:line: problem" (line is 1-based). */
    public static UserException at(Path file, long line, String problem) {
        return new UserException(file + ":" + line + ": " + problem);
    }
}
