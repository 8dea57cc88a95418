package dev.electrabench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.UserException;
import dev.electrabench.core.fixtures.HostileCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malicious, truncated or malformed folder of {@link HostileCheckpoints} is refused by the loader with one
 * line that names the file and the problem, and nothing a pickle asks for is run.
 */
class PyTorchCheckpointHostileTest {
    static List<HostileCheckpoints.Case> cases() {
        return HostileCheckpoints.all();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isRefusedWithOneLine(HostileCheckpoints.Case c, @TempDir Path root) {
        Path dir = c.writeFolder(root);
        UserException e = assertThrows(UserException.class, () -> HfCheckpoint.load(dir));
        String message = e.getMessage();
        assertTrue(message.contains(c.error()), c + ": " + message);
        assertTrue(message.startsWith(dir.toString()), c + " names a file of the folder: " + message);
        assertFalse(message.contains("\n"), c + ": one line: " + message);
        assertFalse(Files.exists(dir.resolve(HostileCheckpoints.MARKER)), c + ": nothing was executed");
    }
}
