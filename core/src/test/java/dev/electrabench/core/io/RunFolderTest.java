package dev.electrabench.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.electrabench.core.UserException;
import dev.electrabench.core.config.RunConfig;
import dev.electrabench.core.model.Parameters;
import dev.electrabench.core.text.Vocab;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 16 in core: a run folder's identity is checked on resume, one writer holds it, a checkpoint of other
 * shapes never reaches ND4J's assign, and file errors are one line that says where and why.
 */
class RunFolderTest {
    private static ObjectNode facts(long seed, int hidden) {
        ObjectNode n = RunManifest.facts("pretrain");
        n.put("seed", seed);
        n.putObject("config").putObject("model").put("hidden_size", hidden);
        return n;
    }

    /** Finding 1: a resume with another seed or config is refused, naming each difference on one line. */
    @Test
    void resumeWithOtherSettingsIsRefusedNamingWhatDiffers(@TempDir Path tmp) {
        RunManifest.claim(tmp, facts(42, 64), "use another --out");
        RunManifest.claim(tmp, facts(42, 64), "use another --out"); // the same run resumes
        UserException e = assertThrows(UserException.class, () -> RunManifest.claim(tmp, facts(7, 128), "use another --out"));
        assertEquals(tmp.resolve("run.json") + ": this run was started with other settings, refusing to resume it: "
                + "seed: 42 → 7; config.model.hidden_size: 64 → 128; use another --out", e.getMessage());
    }

    /**
     * A resume on another build is refused before anything runs: the run's rows carry one git commit and its
     * resume is bit-exact only on the build that started it. The build is the commit core's build recorded
     * (git.properties), so a missing file ("unknown") fails here too.
     */
    @Test
    void resumeOnAnotherBuildIsRefusedNamingBothCommits(@TempDir Path tmp) {
        String now = RunManifest.facts("pretrain").get("build").asText();
        assertTrue(now.matches("[0-9a-f]{40}(-dirty)?"), now);
        ObjectNode started = facts(42, 64);
        started.put("build", "0123456789abcdef0123456789abcdef01234567");
        RunManifest.claim(tmp, started, "use another --out");
        UserException e = assertThrows(UserException.class, () -> RunManifest.claim(tmp, facts(42, 64), "use another --out"));
        assertEquals(tmp.resolve("run.json") + ": this run was started by another build of electra-bench ("
                + "0123456789abcdef0123456789abcdef01234567; this is " + now + "), refusing to resume it: its results would "
                + "mix two builds; resume it with the jar it started with, or use another --out", e.getMessage());
        RunManifest.claim(tmp.resolve("same"), facts(42, 64), "use another --out");
        RunManifest.claim(tmp.resolve("same"), facts(42, 64), "use another --out"); // the same build resumes
    }

    /** Finding 2: the lock is re-entrant in this JVM, names the holder's pid in its file, and is released on close. */
    @Test
    void lockHoldsThePidAndIsReleased(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        try (RunLock a = RunLock.acquire(out); RunLock b = RunLock.acquire(out)) {
            assertTrue(RunLock.isHeld(out));
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(out.resolve(RunLock.FILE)).trim());
            b.close();
            assertTrue(RunLock.isHeld(out), "the outer holder still has it");
        }
        assertFalse(RunLock.isHeld(out));
    }

    /** Finding 6: an output folder that cannot be created fails at once, one line with the reason. */
    @Test
    void unwritableOutputFolderFailsAtOnce(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        UserException e = assertThrows(UserException.class, () -> RunLock.acquire(file.resolve("out")));
        assertTrue(e.getMessage().startsWith(file.resolve("out") + ": output folder is not writable: "), e.getMessage());
        assertTrue(e.getMessage().contains("ot a directory") || e.getMessage().contains("exists"), e.getMessage());
    }

    /** Finding 5: "cannot write F: F/p" dropped the reason; now it is said. */
    @Test
    void writeFailureKeepsTheReason(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("p"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeString(file.resolve("metrics.csv"), "a"));
        String m = e.getMessage();
        assertTrue(m.startsWith("cannot write " + file.resolve("metrics.csv") + ": "), m);
        assertFalse(m.endsWith(": " + file), "the reason, not only the path: " + m);
        assertTrue(m.toLowerCase().contains("directory") || m.toLowerCase().contains("exists"), m);
    }

    /** Finding 5: a non-UTF-8 config said "Input length = 2"; now file:line and the byte. */
    @Test
    void nonUtf8ConfigNamesLineAndByte(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("latin1.yaml");
        Files.write(f, "name: x\nseed: 1\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        UserException e = assertThrows(UserException.class, () -> RunConfig.load(f));
        assertEquals(f + ":3: config file is not UTF-8 text (byte 0xE9 at offset 21); save it as UTF-8", e.getMessage());
    }

    @Test
    void nonUtf8VocabNamesLineAndByte(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("vocab.txt");
        Files.write(f, new byte[] {'[', 'P', 'A', 'D', ']', '\n', 'a', (byte) 0xC3, '\n'});
        UserException e = assertThrows(UserException.class, () -> Vocab.load(f));
        assertTrue(e.getMessage().startsWith(f + ":2: vocabulary is not UTF-8 text (byte 0xC3"), e.getMessage());
    }

    /** Finding 5: a tab in the YAML was reported on the line before it. */
    @Test
    void yamlTabIsReportedOnItsOwnLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("tab.yaml");
        Files.writeString(f, "name: x\nseed: 1\nmodel:\n  hidden_size: 64\n\tnum_hidden_layers: 2\n");
        UserException e = assertThrows(UserException.class, () -> RunConfig.load(f));
        assertTrue(e.getMessage().startsWith(f + ":5: malformed YAML"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    /** Finding 3: weights of other shapes are refused by name before ND4J's assign sees them (it crashed the JVM). */
    @Test
    void parametersOfOtherShapesAreRefusedBeforeAssign() {
        Parameters p = new Parameters();
        INDArray w = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3);
        p.put("a.weight", w);
        p.put("b.bias", b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.assignFrom(Map.of(
                "a.weight", Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3),
                "b.bias", Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4))));
        assertEquals("parameter b.bias has shape [4] where the model has [3]", e.getMessage());
        assertEquals(0.0, w.sumNumber().doubleValue(), "nothing assigned before the check");
    }
}
