package dev.electrabench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.electrabench.core.runtime.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    private static final Path SHARED = DataDir.resolve();
    private static final String VOCAB = "vocab/bert-base-uncased-vocab.txt";

    @TempDir
    Path dir;

    @Test
    void listShowsEveryDatasetWithPathsAndCounts() {
        Cli cli = Cli.run("data", "list");
        assertEquals(0, cli.exit(), cli.err());
        for (String name : List.of("cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "qnli", "rte", "wnli", "ax", "squad1.1",
                "squad2.0", "conll2003", "enwiki-wikiextractor", "wikitext-2", "vocab")) {
            assertTrue(cli.out().contains("\n" + name + " - ") || cli.out().startsWith(name + " - "), name + " not listed");
        }
        // counts from shared/data/SOURCES.md
        assertTrue(cli.out().contains("glue/CoLA/dev.tsv    1043 rows"), cli.out());
        assertTrue(cli.out().contains("squad/v1.1/dev-v1.1.json    10570 questions"), cli.out());
        assertTrue(cli.out().contains("conll2003/eng.train  14041 sentences"), cli.out());
        assertTrue(cli.out().contains("glue/MNLI/train.tsv") && cli.out().contains("(unverified)"), cli.out());
    }

    @Test
    void verifyAcceptsTheSharedDataAndReportsMissingOnes() {
        Cli cli = Cli.run("data", "verify", "--data-dir", SHARED.toString(), "cola", "vocab", "squad1.1", "conll2003");
        assertEquals(0, cli.exit(), cli.out());
        assertTrue(cli.out().contains("ok       glue/CoLA/dev.tsv"), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("MISSING") && l.contains("squad/v1.1/train-v1.1.json")), cli.out());
        assertTrue(cli.out().contains("conll2003/eng.testb") && cli.out().contains("3453 sentences, sha256 ok"), cli.out());
    }

    @Test
    void verifyFailsOnACorruptFileAndExplainsConll() throws Exception {
        Path dev = dir.resolve("glue/CoLA/dev.tsv");
        Files.createDirectories(dev.getParent());
        List<String> lines = Files.readAllLines(SHARED.resolve("glue/CoLA/dev.tsv"));
        Files.write(dev, lines.subList(0, 1000)); // truncated: 1000 of 1043 rows
        Cli cli = Cli.run("data", "verify", "--data-dir", dir.toString(), "cola", "conll2003");
        assertEquals(1, cli.exit(), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("CORRUPT") && l.contains("glue/CoLA/dev.tsv") && l.endsWith("1000 rows, expected 1043")), cli.out());
        assertTrue(cli.out().contains("MISSING  glue/CoLA/train.tsv"), cli.out());
        assertTrue(cli.out().contains("Reuters"), cli.out());
    }

    @Test
    void fetchVocabAndAGlueTaskFromALocalMirror() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.serving(SHARED, true)) {
            Cli cli = Cli.run("data", "fetch", "vocab", "rte", "--data-dir", dir.toString(), "--base-url", server.baseUri().toString());
            assertEquals(0, cli.exit(), cli.out() + cli.err());
            for (String f : List.of(VOCAB, "glue/RTE/train.tsv", "glue/RTE/dev.tsv", "glue/RTE/test.tsv")) {
                assertArrayEquals(Files.readAllBytes(SHARED.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
            }
            assertTrue(cli.out().contains("ok       " + VOCAB + "  30522 tokens, sha256 ok"), cli.out());

            // everything present: a second fetch downloads nothing
            int before = server.requests.size();
            assertEquals(0, Cli.run("data", "fetch", "vocab", "--data-dir", dir.toString(), "--base-url", server.baseUri().toString()).exit());
            assertEquals(before, server.requests.size());
        }
        assertEquals(0, Cli.run("data", "verify", "--data-dir", dir.toString(), "vocab", "rte").exit());
    }

    @Test
    void checksumMismatchFailsAndLeavesNothingBehind() throws Exception {
        Path mirror = dir.resolve("mirror");
        Path bad = mirror.resolve(VOCAB);
        Files.createDirectories(bad.getParent());
        byte[] bytes = Files.readAllBytes(SHARED.resolve(VOCAB));
        bytes[bytes.length - 2] ^= 1; // one flipped bit in the last token
        Files.write(bad, bytes);
        Path data = dir.resolve("data");
        try (LocalHttpServer server = LocalHttpServer.serving(mirror, true)) {
            Cli cli = Cli.run("data", "fetch", "vocab", "--data-dir", data.toString(), "--base-url", server.baseUri().toString());
            assertEquals(2, cli.exit(), cli.out());
            assertTrue(cli.err().startsWith("electra-bench: error: ") && cli.err().contains("sha256"), cli.err());
            assertEquals(1, cli.err().lines().count(), cli.err());
        }
        assertFalse(Files.exists(data.resolve(VOCAB)));
        assertFalse(Files.exists(data.resolve(VOCAB + ".part")));
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        byte[] whole = Files.readAllBytes(SHARED.resolve(VOCAB));
        Path part = dir.resolve(VOCAB + ".part");
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(whole, 100_000)); // an interrupted download
        try (LocalHttpServer server = LocalHttpServer.serving(SHARED, true)) {
            Cli cli = Cli.run("data", "fetch", "vocab", "--data-dir", dir.toString(), "--base-url", server.baseUri().toString());
            assertEquals(0, cli.exit(), cli.out() + cli.err());
            assertEquals(List.of("GET /" + VOCAB + " bytes=100000-"), server.requests);
            assertEquals(whole.length - 100_000L, server.bytesSent.get("/" + VOCAB)); // only the rest was sent
        }
        assertArrayEquals(whole, Files.readAllBytes(dir.resolve(VOCAB)));
        assertFalse(Files.exists(part));
    }

    @Test
    void restartsWhenTheServerIgnoresRange() throws Exception {
        byte[] whole = Files.readAllBytes(SHARED.resolve(VOCAB));
        Path part = dir.resolve(VOCAB + ".part");
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(whole, 100_000));
        try (LocalHttpServer server = LocalHttpServer.serving(SHARED, false)) {
            assertEquals(0, Cli.run("data", "fetch", "vocab", "--data-dir", dir.toString(), "--base-url", server.baseUri().toString()).exit());
        }
        assertArrayEquals(whole, Files.readAllBytes(dir.resolve(VOCAB)));
    }

    @Test
    void conllIsNeverFetchedAndUnknownNamesAreErrors() {
        Cli conll = Cli.run("data", "fetch", "conll2003", "--data-dir", dir.toString(), "--base-url", "http://127.0.0.1:9/");
        assertEquals(2, conll.exit());
        assertTrue(conll.err().contains("not redistributable") && conll.err().contains("Reuters"), conll.err());

        Cli unknown = Cli.run("data", "fetch", "imagenet", "--data-dir", dir.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown dataset 'imagenet'"), unknown.err());
    }
}
